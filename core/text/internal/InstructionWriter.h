#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace dq {

struct InstructionDataset;

// The records at `indices` (in that order) in the dataset's own format and layout: each
// record's original text, joined as the input file joined them.
std::string encodeInstructionSubset(const InstructionDataset& data, const std::vector<std::int64_t>& indices);

// Written atomically. Throws dq::Error naming the path, or an index outside the dataset.
void writeInstructionSubset(const std::filesystem::path& path, const InstructionDataset& data,
                            const std::vector<std::int64_t>& indices);

} // namespace dq
