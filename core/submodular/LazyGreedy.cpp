#include "common/Progress.h"
#include "submodular/internal/CohortQueues.h"
#include "submodular/Greedy.h"
#include "submodular/internal/HotCandidates.h"
#include "submodular/internal/LazyQueues.h"
#include "submodular/internal/ParallelEvaluator.h"
#include "submodular/SubmodularFunction.h"

#include <algorithm>
#include <cmath>
#include <memory>

namespace dq {
namespace {

// Pools at least this large refresh in parallel (smaller ones pick in microseconds).
constexpr std::int64_t kParallelPoolSize = 4096;
// Pools at least this large may take the quick-bound path (whether it pays is measured).
constexpr std::int64_t kQuickPoolSize = 1024;
// Checkpoints kept for the cold candidates of the quick-bound path (one O(d) pass each per
// pick; fewer merge more often, and every merge loosens bounds).
constexpr int kCohorts = 32;
// Picks after which the quick-bound path is judged.
constexpr std::int64_t kQuickReview = 256;

std::vector<double> initialGains(SubmodularFunction& f, const CancelToken& cancel, GreedyResult& r)
{
    std::vector<std::int64_t> all(static_cast<std::size_t>(f.size()));
    for (std::int64_t p = 0; p < f.size(); ++p)
        all[static_cast<std::size_t>(p)] = p;
    std::vector<double> g;
    f.gains(all, g, cancel);
    r.evaluations += f.size();
    return g;
}

// The queues with the function's evaluations and the picks.
class LazyState {
public:
    LazyState(SubmodularFunction& f, const CancelToken& cancel, GreedyResult& r)
            : f_(f), cancel_(cancel), r_(r), q_(f, initialGains(f, cancel, r))
    { }

    LazyQueues& queues() { return q_; }
    std::int64_t step() const { return q_.step(); }

    // Re-evaluates b at the current step.
    double refresh(Bound& b, int g)
    {
        if (++sinceCheck_ >= 256) {
            cancel_.throwIfCancelled();
            sinceCheck_ = 0;
        }
        const double gain = f_.gain(b.position);
        ++r_.evaluations;
        q_.setExact(b, g, gain);
        return gain;
    }

    void refreshAndPush(Bound b, int g)
    {
        refresh(b, g);
        q_.push(b, g);
    }

    // Pops up to `limit` stale entries in bound order (stopping at an exact one), refreshes
    // them on the evaluator's threads and puts them back. Evaluating a few more than the
    // sequential order would never changes the result: it only makes more bounds exact.
    void refreshBatch(Bound first, int g, std::size_t limit, ParallelEvaluator& pool)
    {
        batch_.assign(1, {first, g});
        while (batch_.size() < limit) {
            const int h = q_.bestGroup();
            if (h < 0 || q_.fresh(q_.top(h)))
                break;
            batch_.push_back({q_.pop(h), h});
        }
        gains_.resize(batch_.size());
        pool.run(static_cast<std::int64_t>(batch_.size()), [this](std::int64_t i) {
            gains_[static_cast<std::size_t>(i)] = f_.gain(batch_[static_cast<std::size_t>(i)].first.position);
        });
        r_.evaluations += static_cast<std::int64_t>(batch_.size());
        for (std::size_t i = 0; i < batch_.size(); ++i) {
            q_.setExact(batch_[i].first, batch_[i].second, gains_[i]);
            q_.push(batch_[i].first, batch_[i].second);
        }
        cancel_.throwIfCancelled();
    }

    void take(const Bound& b, const PickCallback& onPick)
    {
        f_.select(b.position);
        r_.picks.push_back(b.position);
        r_.gains.push_back(b.value);
        q_.picked(f_, b.position);
        if (onPick)
            onPick(step());
    }

private:
    SubmodularFunction& f_;
    const CancelToken& cancel_;
    GreedyResult& r_;
    LazyQueues q_;
    int sinceCheck_ = 0;
    std::vector<std::pair<Bound, int>> batch_;
    std::vector<double> gains_;
};

// One round of the plain lazy greedy: refreshes the top, or picks it (returns true) when it
// is exact and highest.
bool plainRound(LazyState& s, ParallelEvaluator* pool, std::size_t batch, const PickCallback& onPick)
{
    LazyQueues& q = s.queues();
    const int g = q.bestGroup();
    Bound top = q.pop(g);
    if (!q.fresh(top)) {
        if (pool)
            s.refreshBatch(top, g, batch, *pool);
        else
            s.refreshAndPush(top, g);
        return false;
    }
    // Exact and highest: every other bound is an upper bound of its gain. Only an exact
    // gain of the same group whose key rounded to the same value can tie: decide those
    // as the naive greedy does.
    BoundQueue& same = q.queue(g);
    if (!same.empty() && same.top().key == top.key) {
        Bound next = q.pop(g);
        if (!q.fresh(next)) {
            s.refreshAndPush(next, g);
            q.push(top, g);
            return false;
        }
        const bool nextWins = next.value > top.value || (next.value == top.value && next.position < top.position);
        q.push(nextWins ? top : next, g);
        if (nextWins)
            top = next;
    }
    s.take(top, onPick);
    return true;
}

// The quick-bound path: the candidates near the top in HotCandidates, the rest in
// CohortQueues (all taken over from the plain queues).
struct QuickPath {
    QuickPath(SubmodularFunction& f, LazyQueues& queues, ParallelEvaluator* pool)
            : cold(f, queues.step(), kCohorts), hot(f, queues, cold, pool)
    {
        queues.drain([this](std::int32_t p, int group, double bound) { cold.push(p, group, bound); });
    }
    CohortQueues cold;
    HotCandidates hot;
};

} // namespace

GreedyResult lazyGreedy(SubmodularFunction& f, std::int64_t budget, const CancelToken& cancel, const PickCallback& onPick,
                        int threads)
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
    // Where the evaluations still to come (at the rate so far) outweigh a few passes over
    // the pool, the function's quick bounds take over. Whatever happens, the function drops
    // them (their memory, their upkeep per select, the pool's threads) once the path ends;
    // declared before `quick`, the guard runs after it is gone.
    struct DropQuickBounds {
        SubmodularFunction& f;
        ~DropQuickBounds() { f.disableQuickBounds(); }
    } dropQuickBounds{f};
    std::unique_ptr<QuickPath> quick;
    bool quickTried = false;
    std::int64_t nextReview = 16, quickSince = 0, evaluationsAtQuick = 0;
    double plainPerPick = 0;
    while (s.step() < budget) {
        if (quick) {
            s.take(quick->hot.choose(r.evaluations, r.quickBounds, cancel), onPick);
            quick->cold.picked();
            // Quick bounds that spare fewer than half the exact evaluations are not worth it.
            if (s.step() - quickSince == kQuickReview && 2.0 * static_cast<double>(r.evaluations - evaluationsAtQuick) >
                                                             static_cast<double>(kQuickReview) * plainPerPick) {
                quick->hot.flush();
                quick.reset();
                f.disableQuickBounds();
            }
            continue;
        }
        if (!plainRound(s, pool.get(), batch, onPick))
            continue;
        const std::int64_t used = r.evaluations - evaluationsAtPick;
        evaluationsAtPick = r.evaluations;
        if (used > static_cast<std::int64_t>(2 * batch))
            batch = std::min<std::size_t>(512, 2 * batch);
        else if (used < static_cast<std::int64_t>(batch / 2))
            batch = std::max<std::size_t>(8, batch / 2);
        if (s.step() == nextReview && !quickTried && f.size() >= kQuickPoolSize) {
            nextReview *= 4;
            plainPerPick = static_cast<double>(r.evaluations - f.size()) / static_cast<double>(s.step());
            if (plainPerPick * static_cast<double>(budget - s.step()) > 4.0 * static_cast<double>(f.size())) {
                quickTried = true;
                if (f.enableQuickBounds(pool.get())) {
                    quick = std::make_unique<QuickPath>(f, s.queues(), pool.get());
                    quickSince = s.step();
                    evaluationsAtQuick = r.evaluations;
                }
            }
        }
    }
    return r;
}

GreedyResult approximateLazyGreedy(SubmodularFunction& f, std::int64_t budget, double beta, const CancelToken& cancel,
                                   const PickCallback& onPick)
{
    GreedyResult r;
    if (budget == 0)
        return r;
    LazyState s(f, cancel, r);
    LazyQueues& q = s.queues();
    while (s.step() < budget) {
        const int g = q.bestGroup();
        Bound top = q.pop(g);
        if (!q.fresh(top)) {
            const double bound = q.boundNow(top, static_cast<std::size_t>(g));
            const double fresh = s.refresh(top, g);
            // The reference's test `fresh >= beta * bound` can never pass for a negative
            // bound (it loops forever); this form is the same for positive bounds.
            if (fresh < bound - (1.0 - beta) * std::abs(bound)) {
                q.push(top, g);
                continue;
            }
        }
        s.take(top, onPick);
    }
    return r;
}

} // namespace dq
