#pragma once
#include <cstdint>
#include <vector>

namespace dq {

struct SampleResult {
    std::vector<std::int64_t> indices; // bin order, then class order, then ascending
    std::vector<std::int64_t> perBin; // how many were drawn from each bin
    std::int64_t datasetSize = 0;
    double requestedRatio = 0;
    double trueRatio = 0; // indices.size() / datasetSize
};

// Bin sampling (dq-reference.md section 6): from every bin and, with labels, every class
// in it, draw round(ratio * count) members uniformly without replacement (Python
// rounding). The generator is SeededRandom(seed, stream = bin * 65537 + class) driving a
// partial Fisher-Yates shuffle of the members in ascending order; the same seed gives the
// same indices everywhere. `labels` may be empty (one group per bin).
SampleResult sampleBins(const std::vector<std::vector<std::int64_t>>& bins, const std::vector<int>& labels,
                        std::int64_t datasetSize, double ratio, std::uint64_t seed);

} // namespace dq
