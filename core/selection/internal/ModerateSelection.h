#pragma once
#include <cstdint>
#include <vector>

namespace dq {

class CancelToken;

struct ModerateResult {
    std::vector<std::int64_t> picks; // positions in `pool`, nearest the median first
    std::vector<double> distance; // every pool sample's distance to the centre
    double median = 0;
};

// Moderate-DS (Xia et al., ICLR 2023) over the rows `pool` of the row-major float32
// matrix `x`: the Euclidean distance of every sample to the pool's mean; keeps the
// `budget` samples whose distance is nearest the median (numpy's median: the mean of the
// two middle values for an even count); ties to the lowest position.
ModerateResult moderateSelection(const float* x, std::int64_t dim, const std::vector<std::int64_t>& pool,
                                 std::int64_t budget, const CancelToken& cancel);

} // namespace dq
