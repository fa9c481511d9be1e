// `dq text` as a user runs it: files on disk, exit codes, messages (in process); a
// TorchScript encoder through the light dq's hand-over to dq-torch.
#include "CliInProcess.h"
#include "TestSupport.h"

#include "common/AtomicFile.h"
#include "io/Npy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <random>

using namespace dq;
namespace fs = std::filesystem;

namespace {

QString fixture(const char* name) { return QString::fromStdString((dqtest::fixturesDir() / "text" / name).string()); }

QJsonArray jsonList(const fs::path& p)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(readFileBytes(p))).array();
}

QStringList lines(const fs::path& p) { return QString::fromStdString(readFileBytes(p)).split('\n', Qt::SkipEmptyParts); }

} // namespace

class CliTextTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    fs::path dir_;
    QString embeddings_;

    QString path(const std::string& name) const { return QString::fromStdString((dir_ / name).string()); }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        dir_ = tmp_.path().toStdString();
        // 12 unit rows for the 12 records of alpaca_small.json.
        std::mt19937 rng(1);
        std::normal_distribution<float> g;
        std::vector<float> e(12 * 8);
        for (int i = 0; i < 12; ++i) {
            double n2 = 0;
            for (int k = 0; k < 8; ++k)
                n2 += double(e[i * 8 + k] = g(rng)) * e[i * 8 + k];
            for (int k = 0; k < 8; ++k)
                e[i * 8 + k] /= static_cast<float>(std::sqrt(n2));
        }
        writeNpy(dir_ / "emb.npy", NpyArray::fromVector(e, {12, 8}));
        embeddings_ = path("emb.npy");
    }

    void embeddingsFileToJsonSubset()
    {
        const auto r = dqtest::runCliInProcess({"text", "--data", fixture("alpaca_small.json"), "--embeddings", embeddings_,
                                                "--ratio", "0.5", "--bins", "3", "--out", path("dq/sub.json"), "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j["selected"].toInt(), 6); // int(int(12 * 0.5) / 3) = 2 per bin
        QCOMPARE(j["per_bin"].toArray().size(), 3);
        QCOMPARE(j["method"].toString(), QString("dq"));
        const QJsonArray sub = jsonList(dir_ / "dq" / "sub.json");
        const QJsonArray all = jsonList(dqtest::fixturesDir() / "text" / "alpaca_small.json");
        QCOMPARE(sub.size(), 6);
        const NpyArray idx = readNpy(dir_ / "dq" / "sub.indices.npy");
        QCOMPARE(idx.dtype, DType::Int64);
        const auto v = idx.toVector<std::int64_t>();
        QCOMPARE(v.size(), std::size_t(6));
        for (int k = 0; k < 6; ++k)
            QCOMPARE(sub[k].toObject(), all[int(v[static_cast<std::size_t>(k)])].toObject());
        // Same layout as the input (indent 4, ASCII escapes).
        QVERIFY(readFileBytes(dir_ / "dq" / "sub.json").rfind("[\n    {\n        \"instruction\": ", 0) == 0);
        const QJsonObject meta =
            QJsonDocument::fromJson(QByteArray::fromStdString(readFileBytes(dir_ / "dq" / "sub.json.meta.json"))).object();
        QCOMPARE(meta["counts"].toObject()["selected"].toInt(), 6);
        QCOMPARE(meta["embeddings"].toObject()["method"].toString(), QString("file"));
    }

    void tfidfJsonLinesWithCache()
    {
        const QStringList args = {"text",        "--data",  fixture("alpaca_small.jsonl"),
                                  "--embed",     "tfidf",   "--dim",
                                  "32",          "--ratio", "0.5",
                                  "--bins",      "2",       "--cache-dir",
                                  path("cache"), "--out",   path("tfidf.jsonl"),
                                  "--json"};
        const auto r = dqtest::runCliInProcess(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(!QJsonDocument::fromJson(r.out.toUtf8()).object()["embeddings_from_cache"].toBool());
        QVERIFY(QJsonDocument::fromJson(r.out.toUtf8()).object().contains("bins_from_cache"));
        QVERIFY(!QJsonDocument::fromJson(r.out.toUtf8()).object()["bins_from_cache"].toBool());
        const QStringList sub = lines(dir_ / "tfidf.jsonl");
        QCOMPARE(sub.size(), 6);
        const QStringList input = lines(dqtest::fixturesDir() / "text" / "alpaca_small.jsonl");
        for (const QString& l : sub)
            QVERIFY2(input.contains(l), qPrintable(l)); // each line exactly as in the input
        QVERIFY(fs::exists(dir_ / "tfidf.indices.npy"));
        const std::string first = readFileBytes(dir_ / "tfidf.jsonl");
        const auto again = dqtest::runCliInProcess(args);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY(QJsonDocument::fromJson(again.out.toUtf8()).object()["embeddings_from_cache"].toBool());
        QVERIFY(QJsonDocument::fromJson(again.out.toUtf8()).object()["bins_from_cache"].toBool());
        QCOMPARE(readFileBytes(dir_ / "tfidf.jsonl"), first); // same parameters, same file
    }

    void randomSubsetOfTheSameSize()
    {
        const auto r = dqtest::runCliInProcess({"text", "--data", fixture("alpaca_small.json"), "--random", "--ratio", "0.5",
                                                "--bins", "3", "--seed", "4", "--out", path("random.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("kept 6 of 12 records (random): true ratio 0.500000"), qPrintable(r.out));
        QCOMPARE(jsonList(dir_ / "random.json").size(), 6);
        const QJsonObject meta =
            QJsonDocument::fromJson(QByteArray::fromStdString(readFileBytes(dir_ / "random.json.meta.json"))).object();
        QCOMPARE(meta["method"].toString(), QString("random"));
    }

    void torchScriptEncoder()
    {
        const auto r = dqtest::runCli({"text", "--data", fixture("alpaca_small.json"), "--embed",
                                       "torchscript:" + fixture("char_encoder.pt"), "--ratio", "0.5", "--bins", "2",
                                       "--cache-dir", path("cache"), "--out", path("ts.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(jsonList(dir_ / "ts.json").size(), 6);
    }

    void usageErrorsExit2_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no embeddings") << QStringList{"--ratio", "0.5"} << "--embeddings";
        QTest::newRow("both") << QStringList{"--embed", "tfidf", "--embeddings", "x.npy"} << "not both";
        QTest::newRow("ratio") << QStringList{"--embed", "tfidf", "--ratio", "0"} << "--ratio";
        QTest::newRow("bins") << QStringList{"--embed", "tfidf", "--bins", "13"} << "13 bins for 12 records";
        QTest::newRow("kernel") << QStringList{"--embed", "tfidf", "--kernel", "l2"} << "--kernel";
        QTest::newRow("method") << QStringList{"--embed", "bert"} << "unknown method 'bert'";
        QTest::newRow("fields") << QStringList{"--embed", "tfidf", "--fields", "a"} << "--fields";
        QTest::newRow("format") << QStringList{"--embed", "tfidf", "--format", "csv"} << "--format";
    }
    void usageErrorsExit2()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto r = dqtest::runCliInProcess(
            QStringList{"text", "--data", fixture("alpaca_small.json"), "--out", path("never.json")} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(!fs::exists(dir_ / "never.json"));
    }
    void missingOutIsAUsageError()
    {
        QCOMPARE(dqtest::runCliInProcess({"text", "--data", fixture("alpaca_small.json")}).exitCode, 2);
    }

    void failedJobsExit1WithTheirFile()
    {
        const auto bad = dqtest::runCliInProcess(
            {"text", "--data", fixture("malformed.json"), "--embed", "tfidf", "--out", path("bad.json")});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("malformed.json:9:15: syntax error"), qPrintable(bad.err));
        const auto rows = dqtest::runCliInProcess({"text", "--data", fixture("duplicates.jsonl"), "--embeddings",
                                                   embeddings_, "--bins", "2", "--out", path("rows.jsonl")});
        QCOMPARE(rows.exitCode, 1);
        QVERIFY2(rows.err.contains("12 rows of embeddings for the 6 records"), qPrintable(rows.err));
        QVERIFY(!fs::exists(dir_ / "rows.jsonl"));
        const auto over = dqtest::runCliInProcess(
            {"text", "--data", fixture("alpaca_small.json"), "--random", "--out", fixture("alpaca_small.json")});
        QCOMPARE(over.exitCode, 2);
        QVERIFY2(over.err.contains("is the input data file"), qPrintable(over.err));
    }

    void warningsGoToStderr()
    {
        const auto r = dqtest::runCliInProcess({"text", "--data", fixture("duplicates.jsonl"), "--embed", "tfidf",
                                                "--no-cache", "--cache-dir", path("cache"), "--ratio", "0.5", "--bins", "3",
                                                "--out", path("dup.jsonl")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("dq: warning: duplicate of an earlier record"), qPrintable(r.err));
        QCOMPARE(lines(dir_ / "dup.jsonl").size(), 3);
    }
};

QTEST_GUILESS_MAIN(CliTextTest)
#include "tst_CliText.moc"
