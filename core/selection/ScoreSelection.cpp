#include "selection/internal/ScoreSelection.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "submodular/internal/SeededRandom.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

namespace dq {
namespace {

// Positions of `pool`, hardest first (ties to the lowest position).
std::vector<std::int64_t> hardestFirst(const std::vector<double>& scores, const std::vector<std::int64_t>& pool)
{
    std::vector<std::int64_t> order(pool.size());
    std::iota(order.begin(), order.end(), 0);
    auto score = [&](std::int64_t p) { return scores[static_cast<std::size_t>(pool[static_cast<std::size_t>(p)])]; };
    std::stable_sort(order.begin(), order.end(), [&](std::int64_t a, std::int64_t b) { return score(a) > score(b); });
    return order;
}

} // namespace

std::vector<std::int64_t> hardestByScore(const std::vector<double>& scores, const std::vector<std::int64_t>& pool,
                                         std::int64_t budget)
{
    std::vector<std::int64_t> order = hardestFirst(scores, pool);
    order.resize(static_cast<std::size_t>(std::min<std::int64_t>(budget, static_cast<std::int64_t>(order.size()))));
    std::sort(order.begin(), order.end());
    return order;
}

std::vector<std::int64_t> coverageCentricSelection(const std::vector<double>& scores, const std::vector<std::int64_t>& pool,
                                                   std::int64_t budget, double hardFraction, int strata, std::uint64_t seed,
                                                   std::uint64_t stream)
{
    if (!(hardFraction >= 0.0 && hardFraction < 1.0))
        throw FieldError("ccs-hard-fraction", "must lie in [0, 1)");
    if (strata < 1)
        throw FieldError("ccs-strata", "must be at least 1");
    const std::vector<std::int64_t> order = hardestFirst(scores, pool);
    const auto n = static_cast<std::int64_t>(order.size());
    const auto pruned = static_cast<std::int64_t>(std::floor(hardFraction * static_cast<double>(n)));
    if (n - pruned < budget)
        throw FieldError("ccs-hard-fraction", "pruning the hardest " + std::to_string(pruned) + " of " + std::to_string(n) +
                                                  " samples leaves " + std::to_string(n - pruned) +
                                                  ", fewer than the budget of " + std::to_string(budget) +
                                                  ": lower it or the ratio");
    std::vector<std::int64_t> kept(order.begin() + pruned, order.end());
    auto score = [&](std::int64_t p) { return scores[static_cast<std::size_t>(pool[static_cast<std::size_t>(p)])]; };
    double lo = INFINITY, hi = -INFINITY;
    for (const std::int64_t p : kept) {
        lo = std::min(lo, score(p));
        hi = std::max(hi, score(p));
    }
    std::vector<std::vector<std::int64_t>> groups(static_cast<std::size_t>(strata));
    const double width = (hi - lo) / strata;
    for (const std::int64_t p : kept) {
        const int g = width > 0 ? std::min(strata - 1, static_cast<int>((score(p) - lo) / width)) : 0;
        groups[static_cast<std::size_t>(g)].push_back(p);
    }
    std::vector<int> byCount;
    for (int g = 0; g < strata; ++g)
        if (!groups[static_cast<std::size_t>(g)].empty())
            byCount.push_back(g);
    std::stable_sort(byCount.begin(), byCount.end(), [&](int a, int b) {
        return groups[static_cast<std::size_t>(a)].size() < groups[static_cast<std::size_t>(b)].size();
    });
    std::vector<std::int64_t> out;
    std::int64_t left = budget;
    for (std::size_t k = 0; k < byCount.size(); ++k) {
        std::vector<std::int64_t>& members = groups[static_cast<std::size_t>(byCount[k])];
        std::sort(members.begin(), members.end());
        const auto strataLeft = static_cast<std::int64_t>(byCount.size() - k);
        const std::int64_t take =
            std::min<std::int64_t>(static_cast<std::int64_t>(members.size()), (left + strataLeft - 1) / strataLeft);
        SeededRandom rng(seed, stream + static_cast<std::uint64_t>(byCount[k]));
        for (std::int64_t j = 0; j < take; ++j)
            std::swap(members[static_cast<std::size_t>(j)],
                      members[static_cast<std::size_t>(j) + rng.below(members.size() - static_cast<std::size_t>(j))]);
        out.insert(out.end(), members.begin(), members.begin() + take);
        left -= take;
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace dq
