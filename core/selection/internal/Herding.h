#pragma once
#include "selection/internal/PoolProjection.h"
#include "selection/SelectionParams.h"

#include <cstdint>
#include <vector>

namespace dq {

class CancelToken;

// Herding over the rows `pool` of the row-major float32 matrix `x` (dim columns): with mu
// the pool's mean and S the sum of the k samples picked so far, the next pick is the
// unpicked x nearest to (HerdingRule::Paper: Welling, ICML 2009; iCaRL) or farthest from
// (DeepCoreArgMax: DeepCore's code) the target t = (k + 1) mu - S, i.e. the arg-min (or
// arg-max) of || (k + 1) mu - S - x ||; ties go to the lowest position. Each pick is an
// exact nearest (farthest) neighbour query: bounds on every sample's distance to t from
// its coordinates in the pool's projection (PoolProjection: `directions` random
// directions beyond the mean), then exact float distances, as the plain scan computes
// them, only for the samples whose bound can still win, best bound first (a margin covers
// the rounding). The picks are the plain scan's over every sample, bit for bit.
// Returns positions in `pool` in the order chosen.
std::vector<std::int64_t> herding(const float* x, std::int64_t dim, const std::vector<std::int64_t>& pool,
                                  std::int64_t budget, HerdingRule rule, const CancelToken& cancel,
                                  std::int64_t directions = kProjectionDirections);

} // namespace dq
