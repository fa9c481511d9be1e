#include "text/InstructionReader.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/Fingerprint.h"
#include "text/internal/InstructionChecks.h"
#include "text/internal/JsonSpans.h"
#include "text/internal/LineIndex.h"
#include "text/internal/Utf8.h"

#include <nlohmann/json.hpp>

namespace dq {
namespace {

// ordered_json: the first record's keys are listed in the file's order in messages.
using json = nlohmann::ordered_json;

const char* typeName(const json& v)
{
    switch (v.type()) {
    case json::value_t::object:
        return "an object";
    case json::value_t::array:
        return "a list";
    case json::value_t::string:
        return "a string";
    case json::value_t::boolean:
        return "a boolean";
    case json::value_t::null:
        return "null";
    default:
        return "a number";
    }
}

std::string quotedFields(const InstructionFields& f)
{
    std::string s = "'" + f.instruction + "'";
    if (!f.input.empty())
        s += ", '" + f.input + "'";
    return s + " and '" + f.output + "'";
}

// nlohmann's message without its prefix and its own (byte-based) position:
// "syntax error while parsing object - unexpected '}'; expected string literal".
std::string parseProblem(const json::parse_error& e)
{
    std::string m = e.what();
    const std::size_t col = m.find(", column ");
    if (col != std::string::npos) {
        const std::size_t colon = m.find(": ", col);
        if (colon != std::string::npos)
            m = m.substr(colon + 2);
    }
    const std::size_t last = m.find("; last read: ");
    if (last != std::string::npos && m.size() - last > 80)
        m = m.substr(0, last);
    return m;
}

// Throws the parse error of `text` at byte `base` + offset as "path:line:column: problem".
[[noreturn]] void throwParseError(const json::parse_error& e, const LineIndex& lines, std::size_t base, std::size_t limit,
                                  const std::string& path)
{
    // e.byte is the 1-based count of bytes read when the error was found (size + 1 at end of input).
    std::size_t offset = base + (e.byte > 0 ? e.byte - 1 : 0);
    offset = std::min(offset, limit);
    throw Error(lines.where(path, offset), parseProblem(e));
}

RecordIssues::Kind missingField(const std::string& name)
{
    return {"text.field-missing", name, "field '" + name + "' missing or null (taken as empty)"};
}

class RecordBuilder {
public:
    RecordBuilder(const InstructionFields& f, const std::string& path, const LineIndex& lines)
            : f_(f), path_(path), lines_(lines)
    { }

    InstructionRecord build(const json& v, std::int64_t index, std::size_t offset)
    {
        InstructionRecord r;
        r.line = lines_.at(offset).line;
        if (!v.is_object())
            throw Error(lines_.where(path_, offset), "record " + std::to_string(index) + " is " + typeName(v) +
                                                         "; expected an object with the fields " + quotedFields(f_));
        if (firstKeys_.empty())
            for (auto it = v.begin(); it != v.end(); ++it)
                firstKeys_ += (firstKeys_.empty() ? "" : ", ") + it.key();
        r.instruction = field(v, f_.instruction, index, seenInstruction_);
        if (!f_.input.empty())
            r.input = field(v, f_.input, index, seenInput_);
        r.output = field(v, f_.output, index, seenOutput_);
        return r;
    }

    // A field no record has is a wrong --fields, not a data problem.
    void checkFieldsSeen(std::int64_t records) const
    {
        if (records == 0)
            return;
        for (const auto& [name, seen] : {std::pair{f_.instruction, seenInstruction_}, {f_.output, seenOutput_}})
            if (!seen)
                throw Error(path_, "no record has the field '" + name + "' (the first record has: " + firstKeys_ +
                                       "); name the fields INSTRUCTION,INPUT,OUTPUT");
    }

    bool inputSeen() const { return seenInput_; }
    RecordIssues issues;

private:
    std::string field(const json& v, const std::string& name, std::int64_t index, bool& seen)
    {
        const auto it = v.find(name);
        if (it == v.end() || it->is_null()) {
            issues.add(missingField(name), index);
            return {};
        }
        seen = true;
        if (it->is_string())
            return it->get<std::string>();
        issues.add({"text.field-not-string", name, "field '" + name + "' not a string (its JSON text is used)"}, index,
                   std::string("(") + typeName(*it) + ")");
        return it->dump();
    }

    const InstructionFields& f_;
    const std::string& path_;
    const LineIndex& lines_;
    std::string firstKeys_;
    bool seenInstruction_ = false, seenInput_ = false, seenOutput_ = false;
};

void readJsonList(InstructionDataset& d, const std::string& bytes, const LineIndex& lines, RecordBuilder& builder)
{
    const std::string path = d.path.string();
    json doc;
    try {
        doc = json::parse(bytes);
    } catch (const json::parse_error& e) {
        throwParseError(e, lines, 0, bytes.size(), path);
    }
    if (!doc.is_array())
        throw Error(path, std::string("the file holds ") + typeName(doc) +
                              "; expected a JSON list of records or JSON Lines (one record per line)");
    const auto spans = topLevelArraySpans(bytes);
    if (spans.size() != doc.size())
        throw Error(path, "internal error: found " + std::to_string(spans.size()) + " records in the text but " +
                              std::to_string(doc.size()) + " in the parsed list");
    d.records.reserve(spans.size());
    d.raw.reserve(spans.size());
    for (std::size_t i = 0; i < spans.size(); ++i) {
        d.records.push_back(builder.build(doc[i], static_cast<std::int64_t>(i), spans[i].first));
        d.raw.push_back(bytes.substr(spans[i].first, spans[i].second - spans[i].first));
        doc[i] = nullptr; // free as we go: the parsed list is as large as the file
    }
    // Layout: what came before, between and after the records.
    const std::size_t close = bytes.rfind(']');
    const std::size_t open = bytes.find('[');
    const std::string after = bytes.substr(close + 1);
    d.layout.emptyList = bytes.substr(0, open) + "[]" + after;
    if (spans.empty())
        return;
    d.layout.head = bytes.substr(0, spans.front().first);
    d.layout.tail = bytes.substr(spans.back().second);
    d.layout.separator = spans.size() > 1 ? bytes.substr(spans[0].second, spans[1].first - spans[0].second)
                                          : "," + bytes.substr(open + 1, spans.front().first - open - 1);
}

void readJsonLines(InstructionDataset& d, const std::string& bytes, const LineIndex& lines, RecordBuilder& builder)
{
    const std::string path = d.path.string();
    std::size_t start = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    bool crlf = false, first = true;
    while (start < bytes.size()) {
        std::size_t end = bytes.find('\n', start);
        const bool newline = end != std::string::npos;
        if (!newline)
            end = bytes.size();
        std::size_t stop = end;
        if (newline && stop > start && bytes[stop - 1] == '\r')
            --stop;
        if (first && newline) {
            crlf = stop != end;
            first = false;
        }
        const std::string_view line(bytes.data() + start, stop - start);
        const std::size_t first = line.find_first_not_of(" \t\r");
        if (first != std::string_view::npos) {
            if (line[first] != '{')
                throw Error(lines.where(path, start + first),
                            std::string("unexpected '") + line[first] + "'; expected one JSON object per line" +
                                (line[first] == '[' ? " (this looks like a JSON list: read it as format json)" : ""));
            json v;
            try {
                v = json::parse(line);
            } catch (const json::parse_error& e) {
                throwParseError(e, lines, start, stop, path);
            }
            d.records.push_back(builder.build(v, d.size(), start + first));
            d.raw.emplace_back(line);
        }
        start = end + 1;
    }
    d.layout.separator = crlf ? "\r\n" : "\n";
    d.layout.tail = !bytes.empty() && bytes.back() == '\n' ? d.layout.separator : "";
}

InstructionFormat detectFormat(const std::string& bytes, const std::string& path)
{
    std::size_t i = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    i = bytes.find_first_not_of(" \t\r\n", i);
    if (i == std::string::npos)
        throw Error(path, "the file is empty; expected a JSON list of records or JSON Lines");
    if (bytes[i] == '[')
        return InstructionFormat::Json;
    if (bytes[i] == '{')
        return InstructionFormat::JsonLines;
    const LineIndex lines(bytes);
    throw Error(lines.where(path, i),
                std::string("unexpected '") + bytes[i] + "'; expected '[' (a JSON list of records) or '{' (JSON Lines)");
}

} // namespace

InstructionDataset parseInstructionDataset(std::string bytes, const std::string& source,
                                           const InstructionReadOptions& options)
{
    InstructionDataset d;
    d.path = source;
    d.fields = options.fields;
    d.bytes = static_cast<std::int64_t>(bytes.size());
    Fingerprint fp;
    fp.add(bytes);
    d.fingerprint = fp.hex();

    const LineIndex lines(bytes);
    std::string why;
    const std::size_t bad = findInvalidUtf8(bytes, &why);
    if (bad != std::string::npos)
        throw Error(lines.where(source, bad), "not valid UTF-8: " + why);

    d.format = options.format == InstructionFormat::Auto ? detectFormat(bytes, source) : options.format;
    RecordBuilder builder(d.fields, source, lines);
    if (d.format == InstructionFormat::Json)
        readJsonList(d, bytes, lines, builder);
    else
        readJsonLines(d, bytes, lines, builder);
    if (d.records.empty())
        throw Error(source, "holds no records");
    builder.checkFieldsSeen(d.size());

    RecordIssues& issues = builder.issues;
    if (!d.fields.input.empty() && !builder.inputSeen()) {
        d.warnings.push_back({"text.input-field-absent", d.fields.input,
                              "no record has the field '" + d.fields.input +
                                  "'; every input is taken as empty (name the instruction data's fields)"});
        issues.remove("text.field-missing", d.fields.input); // one message instead of one per record
    }
    findEmptyRecords(d, issues);
    findDuplicateRecords(d, issues);
    for (auto& m : issues.messages(d))
        d.warnings.push_back(std::move(m));
    return d;
}

InstructionDataset readInstructionDataset(const std::filesystem::path& path, const InstructionReadOptions& options)
{
    InstructionDataset d = parseInstructionDataset(readFileBytes(path), path.string(), options);
    d.path = path;
    return d;
}

} // namespace dq
