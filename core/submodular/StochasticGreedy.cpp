#include "common/Progress.h"
#include "submodular/Greedy.h"
#include "submodular/internal/SeededRandom.h"
#include "submodular/SubmodularFunction.h"

#include <cmath>

namespace dq {

GreedyResult stochasticGreedy(SubmodularFunction& f, std::int64_t budget, double epsilon, std::uint64_t seed,
                              const CancelToken& cancel, const PickCallback& onPick)
{
    GreedyResult r;
    if (budget == 0)
        return r;
    const std::int64_t n = f.size();
    const auto sampleSize =
        std::max<std::int64_t>(1, static_cast<std::int64_t>(std::nearbyint(-std::log(epsilon) * static_cast<double>(n) /
                                                                           static_cast<double>(budget))));
    SeededRandom rng(seed);
    std::vector<std::int64_t> remaining(static_cast<std::size_t>(n));
    for (std::int64_t p = 0; p < n; ++p)
        remaining[static_cast<std::size_t>(p)] = p;
    std::vector<double> g;
    std::vector<std::int64_t> sample;
    for (std::int64_t step = 0; step < budget; ++step) {
        cancel.throwIfCancelled();
        // Partial Fisher-Yates: the first m entries become a uniform sample.
        const auto m = static_cast<std::size_t>(std::min<std::int64_t>(sampleSize, remaining.size()));
        for (std::size_t k = 0; k < m; ++k) {
            const std::size_t j = k + static_cast<std::size_t>(rng.below(remaining.size() - k));
            std::swap(remaining[k], remaining[j]);
        }
        sample.assign(remaining.begin(), remaining.begin() + static_cast<std::ptrdiff_t>(m));
        f.gains(sample, g, cancel);
        r.evaluations += static_cast<std::int64_t>(m);
        std::size_t best = 0;
        for (std::size_t k = 1; k < m; ++k)
            if (g[k] > g[best] || (g[k] == g[best] && sample[k] < sample[best]))
                best = k;
        f.select(sample[best]);
        r.picks.push_back(sample[best]);
        r.gains.push_back(g[best]);
        remaining[best] = remaining.back();
        remaining.pop_back();
        if (onPick)
            onPick(step + 1);
    }
    return r;
}

} // namespace dq
