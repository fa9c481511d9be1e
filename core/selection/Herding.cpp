#include "selection/internal/Herding.h"

#include "common/Progress.h"
#include "selection/internal/FloatDot.h"
#include "selection/internal/PoolProjection.h"
#include "selection/internal/RowMean.h"

#include <algorithm>
#include <cmath>

namespace dq {
namespace {

struct Bound {
    double value; // a lower (arg-min) or upper (arg-max) bound on the sample's value
    std::int64_t pos;
};

} // namespace

std::vector<std::int64_t> herding(const float* x, std::int64_t dim, const std::vector<std::int64_t>& pool,
                                  std::int64_t budget, HerdingRule rule, const CancelToken& cancel, std::int64_t directions)
{
    const auto n = static_cast<std::int64_t>(pool.size());
    std::vector<std::int64_t> picks;
    if (budget <= 0 || n == 0)
        return picks;
    const auto d = static_cast<std::size_t>(dim);
    auto row = [&](std::int64_t p) { return x + pool[static_cast<std::size_t>(p)] * dim; };
    const std::vector<double> mean = rowMean(x, dim, pool);
    const PoolProjection proj = projectPool(x, dim, pool, mean, directions, cancel);
    const auto rank = static_cast<std::size_t>(proj.rank);
    std::vector<double> norm(static_cast<std::size_t>(n));
    for (std::int64_t p = 0; p < n; ++p)
        norm[static_cast<std::size_t>(p)] = dotFloat16(row(p), row(p), dim);

    std::vector<char> picked(static_cast<std::size_t>(n), 0);
    std::vector<double> sum(d, 0.0), qMean(rank), qSum(rank, 0.0), qt(rank);
    std::vector<float> target(d), qtFloat(rank); // float32 products, as DeepCore's torch code computes them
    proj.project(mean.data(), qMean.data());
    const double largestNorm = *std::max_element(norm.begin(), norm.end());
    std::vector<Bound> bounds;
    bounds.reserve(static_cast<std::size_t>(n));
    const bool nearest = rule == HerdingRule::Paper;
    const std::int64_t want = std::min(budget, n);
    for (std::int64_t k = 0; k < want; ++k) {
        cancel.throwIfCancelled();
        double tt = 0;
        for (std::size_t j = 0; j < d; ++j) {
            const double t = static_cast<double>(k + 1) * mean[j] - sum[j];
            target[j] = static_cast<float>(t);
            tt += t * t;
        }
        // The target's coordinates, (k + 1) Q mu - (the picks' coordinates), and its
        // residual |r_t| from |t|^2 - |Q t|^2. The coordinates' rounding (at most about
        // 3e-12 (k + 1) max |x| in all) makes |Q t|^2 off by less than `drift`, so |r_t|
        // is only known to lie in [rtLo, rtHi].
        double qtt = 0;
        for (std::size_t a = 0; a < rank; ++a) {
            qt[a] = static_cast<double>(k + 1) * qMean[a] - qSum[a];
            qtFloat[a] = static_cast<float>(qt[a]);
            qtt += qt[a] * qt[a];
        }
        const double drift = 1e-9 * static_cast<double>(k + 1) * (tt + largestNorm);
        const double rtLo = std::sqrt(std::max(0.0, tt - qtt - drift)), rtHi = std::sqrt(std::max(0.0, tt - qtt + drift));

        // Bounds on every unpicked sample's value (squared distance to t) from the
        // coordinates; the margin covers the rounding of the exact value's float products
        // and of the bounds themselves (each well under 1e-4 of |x|^2 + |t|^2).
        bounds.clear();
        double limit = nearest ? INFINITY : -INFINITY; // a value some sample surely reaches
        for (std::int64_t p = 0; p < n; ++p) {
            const auto s = static_cast<std::size_t>(p);
            if (picked[s])
                continue;
            const double near2 =
                proj.coordNorm2[s] + qtt - 2.0 * dotFloat16(proj.coordsFloatOf(p), qtFloat.data(), proj.rank);
            const double margin = 1e-4 * (norm[s] + tt) + 1e-12;
            const double r = proj.residual[s];
            const double gap = r < rtLo ? rtLo - r : (r > rtHi ? r - rtHi : 0.0);
            const double lo = near2 + gap * gap - margin;
            const double hi = near2 + (r + rtHi) * (r + rtHi) + margin;
            if (nearest) {
                limit = std::min(limit, hi);
                bounds.push_back({lo, p});
            } else {
                limit = std::max(limit, lo);
                bounds.push_back({hi, p});
            }
        }
        // Only samples whose bound reaches the limit can win: exact values for those, the
        // most promising first, until the next bound can neither beat nor tie the best.
        const auto end = std::partition(bounds.begin(), bounds.end(),
                                        [&](const Bound& b) { return nearest ? b.value <= limit : b.value >= limit; });
        std::sort(bounds.begin(), end,
                  [&](const Bound& a, const Bound& b) { return nearest ? a.value < b.value : a.value > b.value; });
        std::int64_t best = -1;
        double bestValue = 0; // squared distance to t
        for (auto it = bounds.begin(); it != end; ++it) {
            if (best >= 0 && (nearest ? it->value > bestValue : it->value < bestValue))
                break;
            const std::int64_t p = it->pos;
            const double v = norm[static_cast<std::size_t>(p)] + tt - 2.0 * dotFloat16(row(p), target.data(), dim);
            if (best < 0 || (nearest ? v < bestValue : v > bestValue) || (v == bestValue && p < best)) {
                best = p;
                bestValue = v;
            }
        }
        picked[static_cast<std::size_t>(best)] = 1;
        picks.push_back(best);
        const float* xb = row(best);
        for (std::size_t j = 0; j < d; ++j)
            sum[j] += xb[j];
        const double* qb = proj.coordsOf(best);
        for (std::size_t a = 0; a < rank; ++a)
            qSum[a] += qb[a];
    }
    return picks;
}

} // namespace dq
