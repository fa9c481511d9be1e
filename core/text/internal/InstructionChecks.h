#pragma once
#include "common/Note.h"

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

    // A kind of problem: its note code ("text.empty-output"), the field it concerns (or
    // empty) and what is wrong with a record, e.g. "empty instruction".
    struct Kind {
        std::string code, where, what;
    };

    // `note` follows the record in the message (e.g. "repeats record 3 (line 14)").
    void add(const Kind& kind, std::int64_t record, const std::string& note = {});
    std::int64_t count(const std::string& code, const std::string& where = {}) const;
    void remove(const std::string& code, const std::string& where = {});
    // One note per kind, in the order the kinds were first seen; `where` is the kind's
    // field, else the data file.
    std::vector<Note> messages(const InstructionDataset& data) const;

private:
    struct Seen {
        Kind kind;
        std::int64_t count = 0;
        std::vector<std::int64_t> examples;
        std::vector<std::string> notes;
    };
    std::vector<Seen> kinds_;
};

// Records whose instruction, input and output all equal an earlier record's.
void findDuplicateRecords(const InstructionDataset& data, RecordIssues& issues);
// Empty instructions; records with no text at all.
void findEmptyRecords(const InstructionDataset& data, RecordIssues& issues);

} // namespace dq
