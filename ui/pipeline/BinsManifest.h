#pragma once
#include "bins/BinGenerator.h"

#include <filesystem>
#include <vector>

namespace dqui {

// The per-bin statistics recorded in a bins.json (counts, class counts, objective,
// evaluations), which dq::readBinsFolder does not return. Throws dq::Error naming the file.
std::vector<dq::BinStats> readBinStats(const std::filesystem::path& binsJson);

} // namespace dqui
