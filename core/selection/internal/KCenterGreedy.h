#pragma once
#include "selection/internal/PoolProjection.h"

#include <cstdint>
#include <vector>

namespace dq {

class CancelToken;

struct KCenterResult {
    std::vector<std::int64_t> picks; // positions in `pool`, in the order chosen
    double coveringRadius = 0; // max over the pool of the distance to the nearest pick
};

// k-center greedy (Sener & Savarese, ICLR 2018) over the rows `pool` of the row-major
// float32 matrix `x` (dim columns), Euclidean: the first pick uniform from SeededRandom
// (seed, stream), then repeatedly the sample farthest from its nearest pick (ties: the
// lowest position). Exact, but lazy: a sample's distance to its nearest pick only falls,
// so stale minima in a max-heap are upper bounds and only the top is brought up to date
// (|x|^2 + |c|^2 - 2 x.c, the dot product in float, against the picks it has not yet
// seen), and a pick whose lower bound from the pool's projection (PoolProjection:
// `directions` random directions beyond the mean) cannot lower that minimum is skipped:
// the minima, and so the picks, are the plain form's bit for bit.
KCenterResult kCenterGreedy(const float* x, std::int64_t dim, const std::vector<std::int64_t>& pool, std::int64_t budget,
                            std::uint64_t seed, std::uint64_t stream, const CancelToken& cancel,
                            std::int64_t directions = kProjectionDirections);

} // namespace dq
