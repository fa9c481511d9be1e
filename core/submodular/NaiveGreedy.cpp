#include "common/Progress.h"
#include "submodular/Greedy.h"
#include "submodular/SubmodularFunction.h"

namespace dq {

GreedyResult naiveGreedy(SubmodularFunction& f, std::int64_t budget, const CancelToken& cancel, const PickCallback& onPick)
{
    GreedyResult r;
    std::vector<std::int64_t> candidates(static_cast<std::size_t>(f.size()));
    for (std::int64_t p = 0; p < f.size(); ++p)
        candidates[static_cast<std::size_t>(p)] = p;
    std::vector<double> g;
    for (std::int64_t step = 0; step < budget; ++step) {
        cancel.throwIfCancelled();
        f.gains(candidates, g, cancel);
        r.evaluations += static_cast<std::int64_t>(candidates.size());
        // Candidates stay in ascending order, so the first maximum is the lowest position.
        std::size_t best = 0;
        for (std::size_t k = 1; k < g.size(); ++k)
            if (g[k] > g[best])
                best = k;
        r.picks.push_back(candidates[best]);
        r.gains.push_back(g[best]);
        f.select(candidates[best]);
        candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(best));
        if (onPick)
            onPick(step + 1);
    }
    return r;
}

} // namespace dq
