#include "text/internal/InstructionChecks.h"

#include "text/InstructionDataset.h"

#include <functional>
#include <unordered_map>

namespace dq {

void RecordIssues::add(const Kind& kind, std::int64_t record, const std::string& note)
{
    Seen* k = nullptr;
    for (auto& existing : kinds_)
        if (existing.kind.code == kind.code && existing.kind.where == kind.where)
            k = &existing;
    if (!k) {
        kinds_.push_back(Seen{kind, 0, {}, {}});
        k = &kinds_.back();
    }
    ++k->count;
    if (k->examples.size() < kExamples) {
        k->examples.push_back(record);
        k->notes.push_back(note);
    }
}

std::int64_t RecordIssues::count(const std::string& code, const std::string& where) const
{
    for (const auto& k : kinds_)
        if (k.kind.code == code && k.kind.where == where)
            return k.count;
    return 0;
}

void RecordIssues::remove(const std::string& code, const std::string& where)
{
    for (auto it = kinds_.begin(); it != kinds_.end(); ++it)
        if (it->kind.code == code && it->kind.where == where) {
            kinds_.erase(it);
            return;
        }
}

std::vector<Note> RecordIssues::messages(const InstructionDataset& data) const
{
    std::vector<Note> out;
    for (const auto& k : kinds_) {
        std::string m = k.kind.what + " in " + std::to_string(k.count) + (k.count == 1 ? " record: " : " records: ");
        for (std::size_t e = 0; e < k.examples.size(); ++e) {
            m += (e ? ", " : "") + data.recordName(k.examples[e]);
            if (!k.notes[e].empty())
                m += " " + k.notes[e];
        }
        if (k.count > static_cast<std::int64_t>(k.examples.size()))
            m += ", ...";
        out.push_back(Note{k.kind.code, k.kind.where.empty() ? data.path.string() : k.kind.where, std::move(m)});
    }
    return out;
}

void findDuplicateRecords(const InstructionDataset& data, RecordIssues& issues)
{
    // Hash of the three texts -> first records with that hash; equality is then checked.
    std::unordered_multimap<std::size_t, std::int64_t> seen;
    seen.reserve(data.records.size());
    const std::hash<std::string> h;
    for (std::int64_t i = 0; i < data.size(); ++i) {
        const InstructionRecord& r = data.records[static_cast<std::size_t>(i)];
        const std::size_t key =
            h(r.instruction) ^ (h(r.input) * 0x9E3779B97F4A7C15ULL) ^ (h(r.output) * 0xC2B2AE3D27D4EB4FULL);
        bool duplicate = false;
        const auto range = seen.equal_range(key);
        for (auto it = range.first; it != range.second; ++it) {
            const InstructionRecord& o = data.records[static_cast<std::size_t>(it->second)];
            if (o.instruction == r.instruction && o.input == r.input && o.output == r.output) {
                issues.add({"text.duplicate-records",
                            {},
                            "duplicate of an earlier record (same instruction, input and output; kept)"},
                           i, "repeats " + data.recordName(it->second));
                duplicate = true;
                break;
            }
        }
        if (!duplicate)
            seen.emplace(key, i);
    }
}

namespace {

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

} // namespace

void findEmptyRecords(const InstructionDataset& data, RecordIssues& issues)
{
    for (std::int64_t i = 0; i < data.size(); ++i) {
        const InstructionRecord& r = data.records[static_cast<std::size_t>(i)];
        if (blank(r.instruction) && blank(r.input) && blank(r.output))
            issues.add({"text.empty-records", {}, "no text at all (empty instruction, input and output)"}, i);
        else if (blank(r.instruction))
            issues.add({"text.empty-instruction", {}, "empty instruction"}, i);
        else if (blank(r.output))
            issues.add({"text.empty-output", {}, "empty output"}, i);
    }
}

} // namespace dq
