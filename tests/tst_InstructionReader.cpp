// Instruction-data readers and writers on committed fixtures (tests/fixtures/text, made by
// make_text_fixtures.py with Python's json module) and on bad inputs built here.
#include "TestSupport.h"

#include "common/AtomicFile.h"
#include "text/InstructionReader.h"
#include "text/internal/InstructionWriter.h"
#include "text/internal/LineIndex.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace dq;
namespace fs = std::filesystem;

namespace {

fs::path fixture(const char* name) { return dqtest::fixturesDir() / "text" / name; }

bool hasWarning(const InstructionDataset& d, const std::string& fragment, std::string* found = nullptr)
{
    for (const auto& w : d.warnings)
        if (w.text.find(fragment) != std::string::npos) {
            if (found)
                *found = w.text;
            return true;
        }
    return false;
}

std::vector<std::int64_t> allIndices(const InstructionDataset& d)
{
    std::vector<std::int64_t> v(static_cast<std::size_t>(d.size()));
    for (std::size_t i = 0; i < v.size(); ++i)
        v[i] = static_cast<std::int64_t>(i);
    return v;
}

} // namespace

class InstructionReaderTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    fs::path dir() const { return tmp_.path().toStdString(); }

private slots:
    void readsAlpacaJson()
    {
        const InstructionDataset d = readInstructionDataset(fixture("alpaca_small.json"));
        QCOMPARE(d.format, InstructionFormat::Json);
        QCOMPARE(d.size(), std::int64_t(12));
        QVERIFY2(d.warnings.empty(), d.warnings.empty() ? "" : d.warnings.front().text.c_str());
        QCOMPARE(d.records[0].instruction, std::string("Give three tips for staying healthy."));
        QCOMPARE(d.records[0].input, std::string());
        QCOMPARE(d.records[0].line, std::int64_t(2));
        QCOMPARE(d.records[1].line, std::int64_t(7));
        // \u escapes decoded to UTF-8, including a surrogate pair (the emoji).
        QCOMPARE(d.records[1].input, std::string("The caf\xC3\xA9 is open."));
        QCOMPARE(d.records[3].instruction, std::string("\xE6\x8A\x8A\xE8\xBF\x99\xE5\x8F\xA5\xE8\xAF\x9D\xE7\xBF\xBB"
                                                       "\xE8\xAF\x91\xE6\x88\x90\xE8\x8B\xB1\xE6\x96\x87\xE3\x80\x82"));
        QCOMPARE(d.records[4].input, std::string("I love this! \xF0\x9F\x98\x80"));
        QCOMPARE(d.records[9].instruction, std::string("Rewrite the text with a \"quote\" and a backslash \\ kept."));
        QCOMPARE(d.records[9].input, std::string("Tab\there."));
        QCOMPARE(d.fingerprint.size(), std::size_t(16));
    }

    void jsonLinesHoldTheSameRecords()
    {
        const InstructionDataset a = readInstructionDataset(fixture("alpaca_small.json"));
        const InstructionDataset b = readInstructionDataset(fixture("alpaca_small.jsonl"));
        QCOMPARE(b.format, InstructionFormat::JsonLines);
        QCOMPARE(b.size(), a.size()); // the blank line is no record
        for (std::int64_t i = 0; i < a.size(); ++i) {
            const auto& x = a.records[static_cast<std::size_t>(i)];
            const auto& y = b.records[static_cast<std::size_t>(i)];
            QCOMPARE(y.instruction, x.instruction);
            QCOMPARE(y.input, x.input);
            QCOMPARE(y.output, x.output);
        }
        QCOMPARE(b.records[4].line, std::int64_t(5));
        QCOMPARE(b.records[5].line, std::int64_t(7));
    }

    void referenceText()
    {
        const InstructionDataset d = readInstructionDataset(fixture("alpaca_small.json"));
        QCOMPARE(d.text(1),
                 std::string("Translate the sentence into French. The caf\xC3\xA9 is open. Le caf\xC3\xA9 est ouvert."));
        QCOMPARE(d.text(8), std::string("Compute 12 * 7. 84"));
    }

    // The whole dataset written back is the input file, byte for byte: same layout, field
    // order, escapes.
    void fullSubsetIsTheFile_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("json") << "alpaca_small.json";
        QTest::newRow("other fields jsonl") << "other_fields.jsonl";
    }
    void fullSubsetIsTheFile()
    {
        QFETCH(QString, name);
        const fs::path f = fixture(name.toUtf8().constData());
        InstructionReadOptions o;
        if (name.startsWith("other"))
            o.fields = InstructionFields::parse("prompt,context,response");
        const InstructionDataset d = readInstructionDataset(f, o);
        QCOMPARE(encodeInstructionSubset(d, allIndices(d)), readFileBytes(f));
    }

    void subsetKeepsFormatAndFieldOrder()
    {
        const InstructionDataset j = readInstructionDataset(fixture("alpaca_small.json"));
        const std::string sub = encodeInstructionSubset(j, {1, 3});
        // As json.dumps(records, indent=4): what the reference's jdump writes.
        QVERIFY(sub.rfind("[\n    {\n        \"instruction\": \"Translate", 0) == 0);
        QVERIFY(sub.find("},\n    {\n        \"instruction\": \"\\u628a") != std::string::npos);
        QVERIFY(sub.size() > 2 && sub.compare(sub.size() - 2, 2, "\n]") == 0);
        const InstructionDataset back = parseInstructionDataset(sub, "subset");
        QCOMPARE(back.size(), std::int64_t(2));
        QCOMPARE(back.records[0].input, j.records[1].input);
        QCOMPARE(back.records[1].output, j.records[3].output);

        const InstructionDataset l = readInstructionDataset(fixture("alpaca_small.jsonl"));
        const std::string subl = encodeInstructionSubset(l, {11, 0});
        QVERIFY(subl.rfind("{\"id\": 11, \"output\": \"It keeps diverse samples.\", \"instruction\"", 0) == 0);
        QVERIFY(subl.find("\n{\"id\": 0, \"output\"") != std::string::npos);
        QCOMPARE(subl.back(), '\n');
        QCOMPARE(parseInstructionDataset(subl, "subset").size(), std::int64_t(2));
        QCOMPARE(encodeInstructionSubset(l, {}), std::string());
        QCOMPARE(encodeInstructionSubset(j, {}), std::string("[]"));
        DQ_EXPECT_ERROR(encodeInstructionSubset(j, {12}), "index 12 outside the 12 records");
    }

    void crlfAndBomArePreserved()
    {
        const std::string crlf =
            "{\"instruction\": \"a\", \"output\": \"b\"}\r\n{\"instruction\": \"c\", \"output\": \"d\"}\r\n";
        const InstructionDataset d = parseInstructionDataset(crlf, "crlf.jsonl");
        QCOMPARE(d.size(), std::int64_t(2));
        QCOMPARE(d.records[1].output, std::string("d"));
        QCOMPARE(encodeInstructionSubset(d, {0, 1}), crlf);
        QCOMPARE(encodeInstructionSubset(d, {1}), std::string("{\"instruction\": \"c\", \"output\": \"d\"}\r\n"));
        QVERIFY(hasWarning(d, "no record has the field 'input'")); // one message, not one per record
        QCOMPARE(d.warnings.size(), std::size_t(1));
        QCOMPARE(d.warnings[0].code, std::string("text.input-field-absent"));
        QCOMPARE(d.warnings[0].where, std::string("input"));

        const std::string bom = "\xEF\xBB\xBF[{\"instruction\": \"a\", \"input\": \"\", \"output\": \"b\"}]\n";
        const InstructionDataset b = parseInstructionDataset(bom, "bom.json");
        QCOMPARE(b.size(), std::int64_t(1));
        QCOMPARE(encodeInstructionSubset(b, {0}), bom);
    }

    void otherFieldNames()
    {
        InstructionReadOptions o;
        o.fields = InstructionFields::parse("prompt,context,response");
        const InstructionDataset d = readInstructionDataset(fixture("other_fields.jsonl"), o);
        QCOMPARE(d.size(), std::int64_t(4));
        QCOMPARE(d.records[1].input, std::string("The caf\xC3\xA9 is open."));
        QVERIFY(d.warnings.empty());
        // With the default names no record has 'instruction': the error names what there is.
        DQ_EXPECT_ERROR(readInstructionDataset(fixture("other_fields.jsonl")), "other_fields.jsonl",
                        "no record has the field 'instruction'", "prompt, context, response", "name the fields");
        const InstructionFields two = InstructionFields::parse("prompt,response");
        QCOMPARE(two.input, std::string());
        DQ_EXPECT_FIELD_ERROR(InstructionFields::parse("prompt"), "fields");
        DQ_EXPECT_FIELD_ERROR(InstructionFields::parse("a,a,b"), "fields", "must differ");
        DQ_EXPECT_FIELD_ERROR(InstructionFields::parse(",x,y"), "fields");
    }

    void malformedJsonNamesLineAndColumn()
    {
        const std::string f = fixture("malformed.json").string();
        const std::string at = f + ":9:15:";
        DQ_EXPECT_ERROR(readInstructionDataset(f), at.c_str(), "parsing object", "unexpected string literal; expected '}'");
        const std::string l = fixture("malformed.jsonl").string(), atl = l + ":3:";
        DQ_EXPECT_ERROR(readInstructionDataset(l), atl.c_str(), "expected string literal");
        DQ_EXPECT_ERROR(readInstructionDataset(fixture("alpaca_small.json"), {InstructionFormat::JsonLines, {}}),
                        "alpaca_small.json:1:1:", "unexpected '['", "read it as format json");
    }

    void invalidUtf8NamesLineAndColumn()
    {
        const std::string f = fixture("invalid_utf8.jsonl").string();
        const std::string at = f + ":2:49:";
        DQ_EXPECT_ERROR(readInstructionDataset(f), at.c_str(), "not valid UTF-8", "0xff");
        // Columns count characters, not bytes.
        DQ_EXPECT_ERROR(parseInstructionDataset("[{\"instruction\": \"\xC3\xA9\xC3\xA9\", \"output\": \xE2\x82}]", "x.json"),
                        "x.json:1:34:", "not valid UTF-8");
        DQ_EXPECT_ERROR(parseInstructionDataset("[\"\xC0\xAF\"]", "overlong.json"), "overlong.json:1:3:", "0xc0");
        DQ_EXPECT_ERROR(parseInstructionDataset("[\"\xED\xA0\x80\"]", "surrogate.json"), "surrogate U+D800");
        // An escaped lone surrogate is nlohmann's to refuse.
        DQ_EXPECT_ERROR(parseInstructionDataset("[{\"instruction\": \"\\ud800\", \"output\": \"\"}]", "esc.json"),
                        "esc.json:1:", "surrogate");
    }

    void missingAndNonStringFieldsAreWarnings()
    {
        const InstructionDataset d = readInstructionDataset(fixture("missing_fields.json"));
        QCOMPARE(d.size(), std::int64_t(7)); // kept
        std::string w;
        QVERIFY(hasWarning(d, "field 'input' missing or null (taken as empty) in 1 record", &w));
        QVERIFY2(w.find("record 1 (line 7)") != std::string::npos, w.c_str());
        QVERIFY(hasWarning(d, "field 'output' missing or null (taken as empty) in 1 record: record 2", &w));
        QVERIFY(hasWarning(d, "field 'output' not a string (its JSON text is used) in 2 records", &w));
        QVERIFY2(w.find("record 3 (line 16) (a number)") != std::string::npos, w.c_str());
        QVERIFY2(w.find("(a list)") != std::string::npos, w.c_str());
        QCOMPARE(d.records[3].output, std::string("42"));
        QCOMPARE(d.records[6].output, std::string("[\"a\",\"b\"]"));
        QVERIFY(hasWarning(d, "field 'instruction' missing or null (taken as empty) in 1 record: record 5"));
        QVERIFY(hasWarning(d, "no text at all (empty instruction, input and output) in 1 record: record 4"));
        QVERIFY(hasWarning(d, "empty instruction in 1 record: record 5"));
        QVERIFY(hasWarning(d, "empty output in 1 record: record 2"));
    }

    void duplicatesAreReportedAndKept()
    {
        const InstructionDataset d = readInstructionDataset(fixture("duplicates.jsonl"));
        QCOMPARE(d.size(), std::int64_t(6));
        std::string w;
        QVERIFY(hasWarning(d, "duplicate of an earlier record", &w));
        QVERIFY2(w.find("in 2 records: record 3 (line 4) repeats record 0 (line 1), "
                        "record 5 (line 6) repeats record 1 (line 2)") != std::string::npos,
                 w.c_str());
        QCOMPARE(d.warnings.size(), std::size_t(1));
        QCOMPARE(d.warnings[0].code, std::string("text.duplicate-records"));
    }

    void notRecords()
    {
        DQ_EXPECT_ERROR(parseInstructionDataset("", "empty.json"), "empty.json", "empty");
        DQ_EXPECT_ERROR(parseInstructionDataset("  42\n", "n.json"), "n.json:1:3:", "unexpected '4'", "'['");
        DQ_EXPECT_ERROR(parseInstructionDataset("[]", "none.json"), "none.json", "holds no records");
        DQ_EXPECT_ERROR(parseInstructionDataset("[\n  {\"instruction\": \"a\", \"output\": \"b\"},\n  \"text\"\n]",
                                                "s.json"),
                        "s.json:3:3:", "record 1 is a string", "expected an object with the fields 'instruction'");
        DQ_EXPECT_ERROR(parseInstructionDataset("{\"instruction\": \"a\", \"output\": \"b\"}\n  [1]\n", "l.jsonl"),
                        "l.jsonl:2:3:", "expected one JSON object per line");
        DQ_EXPECT_ERROR(parseInstructionDataset("[[1]]", "l.json"), "l.json:1:2:", "record 0 is a list");
        const fs::path missing = dir() / "no-such.json";
        const std::string name = missing.string();
        DQ_EXPECT_ERROR(readInstructionDataset(missing), name.c_str());
    }

    void lineIndexCountsCharacters()
    {
        const std::string t = "ab\n\xC3\xA9\xE4\xB8\xAD"
                              "x\n";
        const LineIndex li(t);
        QCOMPARE(li.at(0).line, std::int64_t(1));
        QCOMPARE(li.at(3).line, std::int64_t(2));
        QCOMPARE(li.at(3).column, std::int64_t(1));
        QCOMPARE(li.at(8).column, std::int64_t(3)); // after two characters of 2 and 3 bytes
        QCOMPARE(li.where("f", 100), std::string("f:3:1"));
    }

    void writesAtomically()
    {
        const InstructionDataset d = readInstructionDataset(fixture("alpaca_small.json"));
        const fs::path out = dir() / "sub.json";
        writeInstructionSubset(out, d, {0, 5});
        QCOMPARE(readFileBytes(out), encodeInstructionSubset(d, {0, 5}));
        for (const auto& e : fs::directory_iterator(dir()))
            QVERIFY2(e.path().filename().string().find(".tmp") == std::string::npos, e.path().c_str());
    }
};

QTEST_GUILESS_MAIN(InstructionReaderTest)
#include "tst_InstructionReader.moc"
