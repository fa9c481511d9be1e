#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace dq {

struct InstructionDataset;

// Problems that do not stop the job (the records are kept), gathered per kind and reported
// once per kind with a count and the first few records:
//   "field 'input' missing or null (taken as empty) in 3 records: record 4 (line 20), ..."
class RecordIssues {
public:
    static constexpr std::size_t kExamples = 5;

    // `kind` says what is wrong with a record, e.g. "empty instruction"; `note` follows the
    // record in the message (e.g. "repeats record 3 (line 14)").
    void add(const std::string& kind, std::int64_t record, const std::string& note = {});
    std::int64_t count(const std::string& kind) const;
    void remove(const std::string& kind);
    std::vector<std::string> messages(const InstructionDataset& data) const;

private:
    struct Kind {
        std::string what;
        std::int64_t count = 0;
        std::vector<std::int64_t> examples;
        std::vector<std::string> notes;
    };
    std::vector<Kind> kinds_;
};

// Records whose instruction, input and output all equal an earlier record's.
void findDuplicateRecords(const InstructionDataset& data, RecordIssues& issues);
// Empty instructions; records with no text at all.
void findEmptyRecords(const InstructionDataset& data, RecordIssues& issues);

} // namespace dq
