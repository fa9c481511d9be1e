#include "selection/internal/ModerateSelection.h"

#include "common/Progress.h"
#include "selection/internal/RowMean.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace dq {

ModerateResult moderateSelection(const float* x, std::int64_t dim, const std::vector<std::int64_t>& pool,
                                 std::int64_t budget, const CancelToken& cancel)
{
    const auto n = static_cast<std::int64_t>(pool.size());
    ModerateResult r;
    if (n == 0)
        return r;
    auto row = [&](std::int64_t p) { return x + pool[static_cast<std::size_t>(p)] * dim; };
    const std::vector<double> mean = rowMean(x, dim, pool);
    cancel.throwIfCancelled();
    r.distance.resize(static_cast<std::size_t>(n));
    for (std::int64_t p = 0; p < n; ++p) {
        const float* xp = row(p);
        double s = 0;
        for (std::int64_t j = 0; j < dim; ++j) {
            const double d = xp[j] - mean[static_cast<std::size_t>(j)];
            s += d * d;
        }
        r.distance[static_cast<std::size_t>(p)] = std::sqrt(s);
    }
    std::vector<double> sorted = r.distance;
    std::sort(sorted.begin(), sorted.end());
    const auto half = static_cast<std::size_t>(n / 2);
    r.median = n % 2 ? sorted[half] : 0.5 * (sorted[half - 1] + sorted[half]);
    std::vector<std::int64_t> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    auto gap = [&](std::int64_t p) { return std::abs(r.distance[static_cast<std::size_t>(p)] - r.median); };
    std::stable_sort(order.begin(), order.end(), [&](std::int64_t a, std::int64_t b) { return gap(a) < gap(b); });
    order.resize(static_cast<std::size_t>(std::min(budget, n)));
    r.picks = std::move(order);
    return r;
}

} // namespace dq
