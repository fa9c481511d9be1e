#pragma once
#include "text/InstructionDataset.h"

#include <filesystem>
#include <string>
#include <vector>

namespace dq {

struct InstructionReadOptions {
    InstructionFormat format = InstructionFormat::Auto; // Auto: '[' starts a JSON list, '{' JSON Lines
    InstructionFields fields;
};

// Reads Alpaca-style instruction data. The file must be UTF-8 (a leading byte-order mark is
// allowed); every record a JSON object. Errors name the file, line and column and say what
// was expected, e.g. "data.json:3:18: syntax error while parsing object - unexpected '}';
// expected string literal". Missing, null, non-string and empty fields and duplicate
// records become warnings (the records are kept); a field that no record has is an error.
InstructionDataset readInstructionDataset(const std::filesystem::path& path, const InstructionReadOptions& options = {});

// The same from bytes in memory; `source` names them in messages.
InstructionDataset parseInstructionDataset(std::string bytes, const std::string& source,
                                           const InstructionReadOptions& options = {});

} // namespace dq
