#include "selection/Herding.h"

#include "common/Progress.h"
#include "selection/FloatDot.h"

#include <limits>

namespace dq {

std::vector<std::int64_t> herding(const float* x, std::int64_t dim, const std::vector<std::int64_t>& pool,
                                  std::int64_t budget, HerdingRule rule, const CancelToken& cancel)
{
    const auto n = static_cast<std::int64_t>(pool.size());
    std::vector<std::int64_t> picks;
    if (budget <= 0 || n == 0)
        return picks;
    auto row = [&](std::int64_t p) { return x + pool[static_cast<std::size_t>(p)] * dim; };
    std::vector<double> mean(static_cast<std::size_t>(dim), 0.0);
    for (std::int64_t p = 0; p < n; ++p) {
        const float* xp = row(p);
        for (std::int64_t j = 0; j < dim; ++j)
            mean[static_cast<std::size_t>(j)] += xp[j];
    }
    std::vector<float> meanF(static_cast<std::size_t>(dim));
    for (std::int64_t j = 0; j < dim; ++j)
        meanF[static_cast<std::size_t>(j)] = static_cast<float>(mean[static_cast<std::size_t>(j)] / static_cast<double>(n));
    std::vector<double> norm(static_cast<std::size_t>(n)), dotMean(static_cast<std::size_t>(n)),
        dotSum(static_cast<std::size_t>(n), 0.0);
    for (std::int64_t p = 0; p < n; ++p) {
        norm[static_cast<std::size_t>(p)] = dotFloat16(row(p), row(p), dim);
        dotMean[static_cast<std::size_t>(p)] = dotFloat16(row(p), meanF.data(), dim);
    }
    std::vector<char> picked(static_cast<std::size_t>(n), 0);
    const bool minimise = rule == HerdingRule::Paper;
    for (std::int64_t k = 0; k < std::min(budget, n); ++k) {
        cancel.throwIfCancelled();
        std::int64_t best = -1;
        double bestValue = 0;
        for (std::int64_t p = 0; p < n; ++p) {
            const auto s = static_cast<std::size_t>(p);
            if (picked[s])
                continue;
            const double v = norm[s] - 2.0 * (static_cast<double>(k + 1) * dotMean[s] - dotSum[s]);
            if (best < 0 || (minimise ? v < bestValue : v > bestValue)) {
                best = p;
                bestValue = v;
            }
        }
        picked[static_cast<std::size_t>(best)] = 1;
        picks.push_back(best);
        if (k + 1 == std::min(budget, n))
            break;
        const float* xb = row(best);
        for (std::int64_t p = 0; p < n; ++p)
            if (!picked[static_cast<std::size_t>(p)])
                dotSum[static_cast<std::size_t>(p)] += dotFloat16(row(p), xb, dim);
    }
    return picks;
}

} // namespace dq
