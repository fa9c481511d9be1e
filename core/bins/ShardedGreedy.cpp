#include "bins/internal/ShardedGreedy.h"

#include "common/Progress.h"
#include "distributed/RankGroup.h"
#include "submodular/SubmodularFunction.h"

#include <cmath>
#include <limits>
#include <queue>

namespace dq {
namespace {

// A candidate's gain as last computed, at pick `step`. Its bound now is
// gain - (now - step) * fall, where fall is the function's proven least fall per pick;
// the queue orders by key = gain + step * fall, which orders the bounds alike.
struct Candidate {
    double key;
    double gain;
    std::int64_t position;
    std::int64_t step;
};

struct HigherFirst {
    bool operator()(const Candidate& a, const Candidate& b) const
    {
        if (a.key != b.key)
            return a.key < b.key;
        return a.position > b.position;
    }
};

bool better(double gain, std::int64_t position, double bestGain, std::int64_t bestPosition)
{
    return gain > bestGain || (gain == bestGain && position < bestPosition);
}

} // namespace

GreedyResult shardedExactGreedy(SubmodularFunction& f, std::int64_t budget, RankGroup& group, const CancelToken& cancel,
                                const PickCallback& onPick)
{
    GreedyResult r;
    const auto [begin, end] = shardRange(f.size(), group.rank(), group.size());
    const double fall = f.minGainDecreasePerPick();
    std::priority_queue<Candidate, std::vector<Candidate>, HigherFirst> queue;
    {
        std::vector<std::int64_t> mine;
        for (std::int64_t p = begin; p < end; ++p)
            mine.push_back(p);
        std::vector<double> g;
        f.gains(mine, g, cancel);
        r.evaluations += static_cast<std::int64_t>(mine.size());
        for (std::size_t k = 0; k < mine.size(); ++k)
            queue.push({g[k], g[k], mine[k], 0});
    }
    const auto ranks = static_cast<std::size_t>(group.size());
    std::vector<Candidate> held;
    std::vector<double> offers;
    for (std::int64_t step = 0; step < budget; ++step) {
        cancel.throwIfCancelled();
        // This rank's best fresh gain: re-evaluate stale candidates while their bound could
        // still reach it (the slack covers the rounding of keys and bounds).
        bool found = false;
        Candidate best{};
        held.clear();
        while (!queue.empty()) {
            const Candidate top = queue.top();
            if (found) {
                const double bound = top.step == step ? top.gain : top.key - static_cast<double>(step) * fall;
                const double slack = 1e-9 * (1.0 + std::abs(best.gain) + std::abs(static_cast<double>(step) * fall));
                if (bound < best.gain - slack)
                    break;
            }
            queue.pop();
            if (top.step != step) {
                const double g = f.gain(top.position);
                ++r.evaluations;
                queue.push({g + static_cast<double>(step) * fall, g, top.position, step});
                continue;
            }
            held.push_back(top);
            if (!found || better(top.gain, top.position, best.gain, best.position)) {
                best = top;
                found = true;
            }
        }
        // Every rank's offer: (gain, position) in its own slots, zeros elsewhere.
        offers.assign(2 * ranks, 0.0);
        const auto me = static_cast<std::size_t>(group.rank());
        offers[2 * me] = found ? best.gain : -std::numeric_limits<double>::infinity();
        offers[2 * me + 1] = found ? static_cast<double>(best.position) : -1.0;
        group.allReduceSum(offers, "a pick of the sharded greedy");
        double winGain = -std::numeric_limits<double>::infinity();
        std::int64_t winPos = -1;
        for (std::size_t k = 0; k < ranks; ++k) {
            const auto pos = static_cast<std::int64_t>(offers[2 * k + 1]);
            if (pos >= 0 && (winPos < 0 || better(offers[2 * k], pos, winGain, winPos))) {
                winGain = offers[2 * k];
                winPos = pos;
            }
        }
        for (const Candidate& c : held)
            if (c.position != winPos)
                queue.push(c);
        f.select(winPos);
        r.picks.push_back(winPos);
        r.gains.push_back(winGain);
        if (onPick)
            onPick(step + 1);
    }
    return r;
}

} // namespace dq
