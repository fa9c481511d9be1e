#pragma once
// Inside bin generation: the greedy selections of one bin's pools (BinGenerator.cpp) and
// their form across ranks (RankedPools.cpp).
#include "bins/BinGenerator.h"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace dq {

// One greedy selection from one pool.
struct PoolSelection {
    std::vector<std::int64_t> chosen; // ascending
    double objective = 0;
    std::int64_t evaluations = 0;
    std::int64_t quickBounds = 0;
    std::string reason;
};

PoolSelection selectFromPool(const SimilaritySpace& space, const std::vector<std::int64_t>& pool, std::int64_t budget,
                             std::uint64_t stream, const BinParams& p, int threads, std::atomic<std::int64_t>& picked,
                             const CancelToken& cancel);

// The pools of bin `bin` (those with a budget) on this process's threads.
std::vector<PoolSelection> selectPools(const SimilaritySpace& space, const std::vector<std::vector<std::int64_t>>& pools,
                                       const std::vector<std::int64_t>& budgets, int bin, const BinParams& p,
                                       Progress& progress, const CancelToken& cancel);

// The same across the ranks of p.group, with the same result on every rank: several pools
// (classes) are shared out whole and their selections gathered; one pool is selected by
// the sharded exact greedy (the naive greedy's picks, which the lazy greedy equals).
std::vector<PoolSelection> selectPoolsAcrossRanks(const SimilaritySpace& space,
                                                  const std::vector<std::vector<std::int64_t>>& pools,
                                                  const std::vector<std::int64_t>& budgets, int bin, const BinParams& p,
                                                  Progress& progress, const CancelToken& cancel);

} // namespace dq
