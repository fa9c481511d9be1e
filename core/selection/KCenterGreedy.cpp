#include "selection/internal/KCenterGreedy.h"

#include "common/Progress.h"
#include "selection/internal/FloatDot.h"
#include "selection/internal/PoolProjection.h"
#include "selection/internal/RowMean.h"
#include "submodular/internal/SeededRandom.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>

namespace dq {
namespace {

struct Entry {
    double bound; // squared distance to the nearest pick seen so far (an upper bound)
    std::int64_t pos;
};

// Largest bound first; among equal bounds the lowest position.
struct Lower {
    bool operator()(const Entry& a, const Entry& b) const
    {
        return a.bound < b.bound || (a.bound == b.bound && a.pos > b.pos);
    }
};

} // namespace

KCenterResult kCenterGreedy(const float* x, std::int64_t dim, const std::vector<std::int64_t>& pool, std::int64_t budget,
                            std::uint64_t seed, std::uint64_t stream, const CancelToken& cancel, std::int64_t directions)
{
    const auto n = static_cast<std::int64_t>(pool.size());
    KCenterResult r;
    if (budget <= 0 || n == 0)
        return r;
    auto row = [&](std::int64_t p) { return x + pool[static_cast<std::size_t>(p)] * dim; };
    std::vector<double> norm(static_cast<std::size_t>(n));
    for (std::int64_t p = 0; p < n; ++p)
        norm[static_cast<std::size_t>(p)] = dotFloat16(row(p), row(p), dim);
    const PoolProjection proj = projectPool(x, dim, pool, rowMean(x, dim, pool), directions, cancel);
    // A lower bound on the exact squared distance of positions a and b (below), from their
    // coordinates: |Qa - Qb|^2 + (|r_a| - |r_b|)^2, less a margin for rounding (the exact
    // value's float dot product and the bound's own, each well under 1e-4 of |a|^2 + |b|^2).
    auto lowerBound = [&](std::size_t a, std::size_t b) {
        const double gap = proj.residual[a] - proj.residual[b];
        return proj.coordNorm2[a] + proj.coordNorm2[b] -
               2.0 * static_cast<double>(dotFloat16(proj.coordsFloatOf(static_cast<std::int64_t>(a)),
                                                    proj.coordsFloatOf(static_cast<std::int64_t>(b)), proj.rank)) +
               gap * gap - 1e-4 * (norm[a] + norm[b]) - 1e-12;
    };
    std::vector<double> nearest(static_cast<std::size_t>(n), std::numeric_limits<double>::infinity());
    std::vector<std::int64_t> seen(static_cast<std::size_t>(n), 0); // picks compared with

    SeededRandom rng(seed, stream);
    const auto first = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(n)));
    r.picks.push_back(first);
    std::priority_queue<Entry, std::vector<Entry>, Lower> heap;
    for (std::int64_t p = 0; p < n; ++p)
        if (p != first)
            heap.push({nearest[static_cast<std::size_t>(p)], p});

    // Brings the top of the heap up to date until the top is; returns it (or -1 when empty).
    std::int64_t work = 0;
    auto farthest = [&]() -> std::int64_t {
        while (!heap.empty()) {
            const Entry top = heap.top();
            const auto s = static_cast<std::size_t>(top.pos);
            const auto picks = static_cast<std::int64_t>(r.picks.size());
            if (seen[s] == picks)
                return top.pos;
            heap.pop();
            const float* xp = row(top.pos);
            double best = nearest[s];
            for (std::int64_t k = seen[s]; k < picks; ++k) {
                const auto c = static_cast<std::size_t>(r.picks[static_cast<std::size_t>(k)]);
                if (lowerBound(s, c) >= best)
                    continue; // cannot lower the minimum
                const double d2 =
                    std::max(0.0, norm[s] + norm[c] -
                                      2.0 * static_cast<double>(dotFloat16(xp, row(static_cast<std::int64_t>(c)), dim)));
                best = std::min(best, d2);
            }
            work += picks - seen[s];
            if (work > 4096) {
                cancel.throwIfCancelled();
                work = 0;
            }
            nearest[s] = best;
            seen[s] = picks;
            heap.push({best, top.pos});
        }
        return -1;
    };
    while (static_cast<std::int64_t>(r.picks.size()) < std::min(budget, n)) {
        const std::int64_t p = farthest();
        heap.pop();
        r.picks.push_back(p);
    }
    const std::int64_t next = farthest();
    r.coveringRadius = next < 0 ? 0.0 : std::sqrt(nearest[static_cast<std::size_t>(next)]);
    return r;
}

} // namespace dq
