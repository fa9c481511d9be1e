#include "common/Progress.h"
#include "submodular/Greedy.h"
#include "submodular/ParallelEvaluator.h"
#include "submodular/SubmodularFunction.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <queue>

namespace dq {
namespace {

// Pools at least this large refresh in parallel (smaller ones pick in microseconds).
constexpr std::int64_t kParallelPoolSize = 4096;

// An upper bound on one candidate's gain. It is stored step-invariant: the bound now is
// key - shift[group], where shift[group] sums the proven least decrease of every gain of
// the group over all picks so far. The same subtraction for every entry of a group keeps
// its queue's order, and each group's bounds fall at the group's own rate.
struct Bound {
    double key;
    double value;            // the bound (the gain itself when exact) at `step`
    std::int32_t position;
    std::uint32_t step : 31; // selection size when `value` was established
    std::uint32_t exact : 1;
};
static_assert(sizeof(Bound) == 24, "queue entries stay small: the queues are the hot loop");

// Highest key first; on equal keys the lowest position, as the naive argmax.
struct Lower {
    bool operator()(const Bound& a, const Bound& b) const
    {
        if (a.key != b.key)
            return a.key < b.key;
        return a.position > b.position;
    }
};

using BoundQueue = std::priority_queue<Bound, std::vector<Bound>, Lower>;

class LazyState {
public:
    LazyState(SubmodularFunction& f, const CancelToken& cancel, GreedyResult& r)
        : f_(f), cancel_(cancel), r_(r), shift_(static_cast<std::size_t>(f.groupCount()), 0.0)
    {
        std::vector<std::int64_t> all(static_cast<std::size_t>(f.size()));
        for (std::int64_t p = 0; p < f.size(); ++p)
            all[static_cast<std::size_t>(p)] = p;
        std::vector<double> g;
        f.gains(all, g, cancel);
        r.evaluations += f.size();
        std::vector<std::vector<Bound>> groups(shift_.size());
        for (std::size_t k = 0; k < all.size(); ++k)
            groups[static_cast<std::size_t>(f.groupOf(all[k]))].push_back(
                {g[k], g[k], static_cast<std::int32_t>(all[k]), 0, 1});
        for (auto& entries : groups)
            queues_.emplace_back(Lower{}, std::move(entries));
    }

    std::int64_t step() const { return static_cast<std::int64_t>(r_.picks.size()); }
    bool fresh(const Bound& b) const { return b.exact && b.step == static_cast<std::uint64_t>(step()); }
    double boundNow(const Bound& b, std::size_t group) const { return fresh(b) ? b.value : b.key - shift_[group]; }

    // The group whose top bound is highest (ties: lowest position); -1 when all are empty.
    int bestGroup() const
    {
        int best = -1;
        double bestBound = 0;
        std::int32_t bestPos = 0;
        for (std::size_t g = 0; g < queues_.size(); ++g) {
            if (queues_[g].empty())
                continue;
            const Bound& t = queues_[g].top();
            const double b = boundNow(t, g);
            if (best < 0 || b > bestBound || (b == bestBound && t.position < bestPos)) {
                best = static_cast<int>(g);
                bestBound = b;
                bestPos = t.position;
            }
        }
        return best;
    }

    BoundQueue& queue(int g) { return queues_[static_cast<std::size_t>(g)]; }

    Bound pop(int g)
    {
        Bound b = queue(g).top();
        queue(g).pop();
        return b;
    }

    // Re-evaluates b at the current step.
    double refresh(Bound& b, int g)
    {
        if (++sinceCheck_ >= 256) {
            cancel_.throwIfCancelled();
            sinceCheck_ = 0;
        }
        const double gain = f_.gain(b.position);
        ++r_.evaluations;
        setExact(b, g, gain);
        return gain;
    }

    void setExact(Bound& b, int g, double gain) const
    {
        b.step = static_cast<std::uint32_t>(step());
        b.value = gain;
        b.exact = 1;
        b.key = gain + shift_[static_cast<std::size_t>(g)];
    }

    // Pops up to `limit` stale entries in bound order (stopping at an exact one), refreshes
    // them on the evaluator's threads and puts them back. Evaluating a few more than the
    // sequential order would never changes the result: it only makes more bounds exact.
    void refreshBatch(Bound first, int g, std::size_t limit, ParallelEvaluator& pool)
    {
        batch_.assign(1, {first, g});
        while (batch_.size() < limit) {
            const int h = bestGroup();
            if (h < 0 || fresh(queue(h).top()))
                break;
            batch_.push_back({pop(h), h});
        }
        gains_.resize(batch_.size());
        pool.run(static_cast<std::int64_t>(batch_.size()),
                 [this](std::int64_t i) { gains_[static_cast<std::size_t>(i)] = f_.gain(batch_[static_cast<std::size_t>(i)].first.position); });
        r_.evaluations += static_cast<std::int64_t>(batch_.size());
        for (std::size_t i = 0; i < batch_.size(); ++i) {
            setExact(batch_[i].first, batch_[i].second, gains_[i]);
            queue(batch_[i].second).push(batch_[i].first);
        }
        cancel_.throwIfCancelled();
    }

    void refreshAndPush(Bound b, int g)
    {
        refresh(b, g);
        queue(g).push(b);
    }

    void take(const Bound& b, const PickCallback& onPick)
    {
        f_.select(b.position);
        r_.picks.push_back(b.position);
        r_.gains.push_back(b.value);
        for (std::size_t g = 0; g < shift_.size(); ++g)
            shift_[g] += f_.groupDecrease(static_cast<int>(g), b.position);
        if (onPick)
            onPick(step());
    }

private:
    SubmodularFunction& f_;
    const CancelToken& cancel_;
    GreedyResult& r_;
    std::vector<double> shift_;
    std::vector<BoundQueue> queues_;
    int sinceCheck_ = 0;
    std::vector<std::pair<Bound, int>> batch_;
    std::vector<double> gains_;
};

} // namespace

GreedyResult lazyGreedy(SubmodularFunction& f, std::int64_t budget, const CancelToken& cancel,
                        const PickCallback& onPick, int threads)
{
    GreedyResult r;
    if (budget == 0)
        return r;
    LazyState s(f, cancel, r);
    // Large pools, where one pick can take thousands of re-evaluations, refresh stale
    // candidates in batches on all threads; the batch follows the recent need.
    std::unique_ptr<ParallelEvaluator> pool;
    if (threads > 1 && f.concurrentGains() && f.size() >= kParallelPoolSize)
        pool = std::make_unique<ParallelEvaluator>(threads);
    std::size_t batch = 16;
    std::int64_t evaluationsAtPick = r.evaluations;
    while (s.step() < budget) {
        const int g = s.bestGroup();
        Bound top = s.pop(g);
        if (!s.fresh(top)) {
            if (pool)
                s.refreshBatch(top, g, batch, *pool);
            else
                s.refreshAndPush(top, g);
            continue;
        }
        // Exact and highest: every other bound is an upper bound of its gain. Only an exact
        // gain of the same group whose key rounded to the same value can tie: decide those
        // as the naive greedy does.
        BoundQueue& q = s.queue(g);
        if (!q.empty() && q.top().key == top.key) {
            Bound next = s.pop(g);
            if (!s.fresh(next)) {
                s.refreshAndPush(next, g);
                q.push(top);
                continue;
            }
            const bool nextWins = next.value > top.value || (next.value == top.value && next.position < top.position);
            q.push(nextWins ? top : next);
            if (nextWins)
                top = next;
        }
        s.take(top, onPick);
        const std::int64_t used = r.evaluations - evaluationsAtPick;
        evaluationsAtPick = r.evaluations;
        if (used > static_cast<std::int64_t>(2 * batch))
            batch = std::min<std::size_t>(512, 2 * batch);
        else if (used < static_cast<std::int64_t>(batch / 2))
            batch = std::max<std::size_t>(8, batch / 2);
    }
    return r;
}

GreedyResult approximateLazyGreedy(SubmodularFunction& f, std::int64_t budget, double beta,
                                   const CancelToken& cancel, const PickCallback& onPick)
{
    GreedyResult r;
    if (budget == 0)
        return r;
    LazyState s(f, cancel, r);
    while (s.step() < budget) {
        const int g = s.bestGroup();
        Bound top = s.pop(g);
        if (!s.fresh(top)) {
            const double bound = s.boundNow(top, static_cast<std::size_t>(g));
            const double fresh = s.refresh(top, g);
            // The reference's test `fresh >= beta * bound` can never pass for a negative
            // bound (it loops forever); this form is the same for positive bounds.
            if (fresh < bound - (1.0 - beta) * std::abs(bound)) {
                s.queue(g).push(top);
                continue;
            }
        }
        s.take(top, onPick);
    }
    return r;
}

} // namespace dq
