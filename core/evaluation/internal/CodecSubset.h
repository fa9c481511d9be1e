#pragma once
// Core-private: dq evaluate's codec subsets, the samples of another subset stored in a
// lossy codec at a byte budget (DQ's stored bytes by default) and decoded for training.
#include "evaluation/internal/TrainingSubsets.h"

#include <cstdint>
#include <filesystem>
#include <string>

namespace dq {

class CancelToken;

// The bytes of every file of `pixelFolder`/quantized/ (what dq pixel stored for those
// samples). Throws dq::FieldError on `field` when there is no such folder.
std::int64_t quantizedStoredBytes(const std::filesystem::path& pixelFolder, const std::string& field);

// `spec` (kind Codec) over the samples of `paired`; `pairedFolder` is the dq pixel folder
// `paired` was read from (empty for an index file), needed when the budget is DQ's bytes.
// The original training images are fitted to the budget (fitCodecBudget, within 2%),
// decoded and kept in memory as the replacement; the content key hashes the decoded pixels.
// Throws dq::UsageError naming --subset for an unknown codec, a budget <= 0 or one the
// codec cannot meet within 2%.
ResolvedSubset codecSubset(const SubsetSpec& spec, const ResolvedSubset& paired, const std::filesystem::path& pairedFolder,
                           const Dataset& train, const CancelToken& cancel);

} // namespace dq
