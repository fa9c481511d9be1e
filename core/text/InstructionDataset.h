#pragma once
#include "common/Note.h"
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace dq {

// The two layouts of instruction data: one JSON list of records (Alpaca's alpaca_data.json)
// or JSON Lines (one record per line).
enum class InstructionFormat { Auto, Json, JsonLines };

const char* instructionFormatName(InstructionFormat f); // "json", "jsonl", "auto"
InstructionFormat parseInstructionFormat(const std::string& name); // throws UsageError naming --format

// Which fields of a record hold the instruction, the input and the output.
struct InstructionFields {
    std::string instruction = "instruction";
    std::string input = "input"; // empty: the records have no input field
    std::string output = "output";

    // "instruction,input,output" or "prompt,response" (no input field); throws UsageError
    // naming --fields.
    static InstructionFields parse(const std::string& list);
};

struct InstructionRecord {
    std::string instruction, input, output;
    std::int64_t line = 0; // 1-based line of the file where the record starts
};

// How the file laid its records out, so that a subset is written the same way: a subset
// of alpaca_data.json looks like alpaca_data.json.
struct InstructionLayout {
    std::string head; // JSON: everything up to the first record ("[\n    "); JSONL: ""
    std::string separator; // JSON: between records (",\n    "); JSONL: the line ending
    std::string tail; // JSON: after the last record ("\n]"); JSONL: the final line ending or ""
    std::string emptyList; // JSON: how an empty list is written ("[]" plus the file's last newline)
};

struct InstructionDataset {
    std::filesystem::path path;
    InstructionFormat format = InstructionFormat::Json;
    InstructionFields fields;
    std::vector<InstructionRecord> records;
    std::vector<std::string> raw; // each record's exact text in the file: field order, escapes, extra fields
    InstructionLayout layout;
    std::vector<Note> warnings; // missing, non-string or empty fields, duplicates (records are kept)
    std::string fingerprint; // of every byte of the file (16 hex digits)
    std::int64_t bytes = 0;

    std::int64_t size() const { return static_cast<std::int64_t>(records.size()); }
    // The reference's text of a record (alpaca_embed.py get_text): instruction, input when
    // not empty, and output, joined by single spaces.
    std::string text(std::int64_t i) const;
    // "record 12 (line 53)"; records are numbered from 0, as in the index files.
    std::string recordName(std::int64_t i) const;
};

} // namespace dq
