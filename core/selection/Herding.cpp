#include "selection/Herding.h"

#include "common/Progress.h"
#include "selection/FloatDot.h"
#include "selection/RowMean.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace dq {

std::vector<std::int64_t> herding(const float* x, std::int64_t dim, const std::vector<std::int64_t>& pool,
                                  std::int64_t budget, HerdingRule rule, const CancelToken& cancel)
{
    const auto n = static_cast<std::int64_t>(pool.size());
    std::vector<std::int64_t> picks;
    if (budget <= 0 || n == 0)
        return picks;
    const auto d = static_cast<std::size_t>(dim);
    auto row = [&](std::int64_t p) { return x + pool[static_cast<std::size_t>(p)] * dim; };
    const std::vector<double> mean = rowMean(x, dim, pool);
    std::vector<double> norm(static_cast<std::size_t>(n)), radius(static_cast<std::size_t>(n));
    double largestNorm = 0;
    for (std::int64_t p = 0; p < n; ++p) {
        const float* xp = row(p);
        double r2 = 0;
        for (std::size_t j = 0; j < d; ++j)
            r2 += (xp[j] - mean[j]) * (xp[j] - mean[j]);
        radius[static_cast<std::size_t>(p)] = std::sqrt(r2);
        norm[static_cast<std::size_t>(p)] = dotFloat16(xp, xp, dim);
        largestNorm = std::max(largestNorm, norm[static_cast<std::size_t>(p)]);
    }
    // Positions by distance to the mean, ascending (ties by position).
    std::vector<std::int64_t> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::int64_t a, std::int64_t b) {
        return radius[static_cast<std::size_t>(a)] < radius[static_cast<std::size_t>(b)];
    });
    std::vector<double> sorted(static_cast<std::size_t>(n));
    for (std::int64_t k = 0; k < n; ++k)
        sorted[static_cast<std::size_t>(k)] = radius[static_cast<std::size_t>(order[static_cast<std::size_t>(k)])];

    std::vector<char> picked(static_cast<std::size_t>(n), 0);
    std::vector<double> sum(d, 0.0);
    std::vector<float> target(d); // float32 products, as DeepCore's torch code computes them
    const bool nearest = rule == HerdingRule::Paper;
    const std::int64_t want = std::min(budget, n);
    for (std::int64_t k = 0; k < want; ++k) {
        cancel.throwIfCancelled();
        double tt = 0, shift2 = 0; // |t|^2 and |t - mu|^2
        for (std::size_t j = 0; j < d; ++j) {
            const double t = static_cast<double>(k + 1) * mean[j] - sum[j];
            target[j] = static_cast<float>(t);
            tt += t * t;
            shift2 += (t - mean[j]) * (t - mean[j]);
        }
        const double shift = std::sqrt(shift2);
        // Rounding of the float products: no bound is trusted closer than this.
        const double margin = 1e-4 * (largestNorm + tt) + 1e-12;
        std::int64_t best = -1;
        double bestValue = 0; // squared distance to t
        auto visit = [&](std::int64_t p) {
            if (picked[static_cast<std::size_t>(p)])
                return;
            const double v = norm[static_cast<std::size_t>(p)] + tt - 2.0 * dotFloat16(row(p), target.data(), dim);
            if (best < 0 || (nearest ? v < bestValue : v > bestValue) || (v == bestValue && p < best)) {
                best = p;
                bestValue = v;
            }
        };
        if (nearest) {
            // Outwards from |t - mu| in the sorted radii, the nearer bound first.
            std::int64_t hi = std::lower_bound(sorted.begin(), sorted.end(), shift) - sorted.begin(), lo = hi - 1;
            while (lo >= 0 || hi < n) {
                const double gapLo = lo >= 0 ? shift - sorted[static_cast<std::size_t>(lo)] : INFINITY;
                const double gapHi = hi < n ? sorted[static_cast<std::size_t>(hi)] - shift : INFINITY;
                const double gap = std::min(gapLo, gapHi);
                if (best >= 0 && gap * gap > bestValue + margin)
                    break;
                visit(order[static_cast<std::size_t>(gapLo <= gapHi ? lo-- : hi++)]);
            }
        } else {
            // Inwards from the largest radius: |x - t| <= r(x) + |t - mu|.
            for (std::int64_t i = n - 1; i >= 0; --i) {
                const double bound = sorted[static_cast<std::size_t>(i)] + shift;
                if (best >= 0 && bound * bound < bestValue - margin)
                    break;
                visit(order[static_cast<std::size_t>(i)]);
            }
        }
        picked[static_cast<std::size_t>(best)] = 1;
        picks.push_back(best);
        const float* xb = row(best);
        for (std::size_t j = 0; j < d; ++j)
            sum[j] += xb[j];
    }
    return picks;
}

} // namespace dq
