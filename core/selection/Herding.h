#pragma once
#include "selection/SelectionParams.h"

#include <cstdint>
#include <vector>

namespace dq {

class CancelToken;

// Herding over the rows `pool` of the row-major float32 matrix `x` (dim columns): with mu
// the pool's mean and S the sum of the k samples picked so far, the next pick is the
// unpicked x minimising (HerdingRule::Paper: Welling, ICML 2009; iCaRL) or maximising
// (DeepCoreArgMax: DeepCore's code) || (k + 1) mu - S - x ||, i.e. |x|^2 - 2 x.((k + 1) mu - S);
// ties go to the lowest position. x.S is kept per sample (one dot per sample and pick).
// Returns positions in `pool` in the order chosen.
std::vector<std::int64_t> herding(const float* x, std::int64_t dim, const std::vector<std::int64_t>& pool,
                                  std::int64_t budget, HerdingRule rule, const CancelToken& cancel);

} // namespace dq
