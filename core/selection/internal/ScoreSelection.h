#pragma once
#include <cstdint>
#include <vector>

namespace dq {

// The `budget` positions of `pool` whose scores are largest (the hardest), ties to the
// lowest position; ascending positions.
std::vector<std::int64_t> hardestByScore(const std::vector<double>& scores, const std::vector<std::int64_t>& pool,
                                         std::int64_t budget);

// Coverage-centric coreset selection (Zheng et al., ICLR 2023) over `pool` (indices into
// `scores`, larger is harder): drop the floor(hardFraction x |pool|) hardest, split the
// remaining score range into `strata` equal-width strata and spread the budget evenly over
// them, smallest stratum first, each taking min(its size, ceil(budget left / strata left))
// (so a small stratum's unused share goes to the others), drawn uniformly inside a stratum
// (SeededRandom(seed, stream + stratum)). Returns positions in `pool`, ascending. Throws
// dq::UsageError naming --ccs-hard-fraction when too few samples remain for the budget.
std::vector<std::int64_t> coverageCentricSelection(const std::vector<double>& scores, const std::vector<std::int64_t>& pool,
                                                   std::int64_t budget, double hardFraction, int strata, std::uint64_t seed,
                                                   std::uint64_t stream);

} // namespace dq
