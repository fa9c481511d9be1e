#include "common/Progress.h"
#include "submodular/Greedy.h"
#include "submodular/SubmodularFunction.h"

#include <cmath>
#include <queue>

namespace dq {
namespace {

// A stale upper bound, stored step-invariant: the bound at step s is key - delta * s,
// where delta is the function's proven least decrease of every gain per pick. The same
// subtraction for every entry leaves the queue's order unchanged.
struct Bound {
    double key;
    std::int64_t position;
    std::int64_t step; // selection size when the gain was computed
};

// Highest bound first; on equal bounds the lowest position, as the naive argmax.
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
        : f_(f), cancel_(cancel), r_(r), delta_(f.minGainDecreasePerPick())
    {
        std::vector<std::int64_t> all(static_cast<std::size_t>(f.size()));
        for (std::int64_t p = 0; p < f.size(); ++p)
            all[static_cast<std::size_t>(p)] = p;
        std::vector<double> g;
        f.gains(all, g, cancel);
        r.evaluations += f.size();
        std::vector<Bound> bounds(all.size());
        for (std::size_t k = 0; k < all.size(); ++k)
            bounds[k] = {g[k], all[k], 0};
        queue_ = BoundQueue(Lower{}, std::move(bounds));
    }

    std::int64_t step() const { return static_cast<std::int64_t>(r_.picks.size()); }
    double gainOf(const Bound& b) const { return b.key - delta_ * static_cast<double>(b.step); }
    double boundNow(const Bound& b) const { return b.key - delta_ * static_cast<double>(step()); }

    Bound pop()
    {
        Bound b = queue_.top();
        queue_.pop();
        return b;
    }

    // Re-evaluates b at the current step.
    double refresh(Bound& b)
    {
        if (++sinceCheck_ >= 256) {
            cancel_.throwIfCancelled();
            sinceCheck_ = 0;
        }
        const double g = f_.gain(b.position);
        ++r_.evaluations;
        b.step = step();
        b.key = g + delta_ * static_cast<double>(b.step);
        return g;
    }

    void push(const Bound& b) { queue_.push(b); }

    void take(const Bound& b, const PickCallback& onPick)
    {
        const double g = gainOf(b);
        f_.select(b.position);
        r_.picks.push_back(b.position);
        r_.gains.push_back(g);
        if (onPick)
            onPick(step());
    }

private:
    SubmodularFunction& f_;
    const CancelToken& cancel_;
    GreedyResult& r_;
    double delta_;
    BoundQueue queue_;
    int sinceCheck_ = 0;
};

} // namespace

GreedyResult lazyGreedy(SubmodularFunction& f, std::int64_t budget, const CancelToken& cancel,
                        const PickCallback& onPick)
{
    GreedyResult r;
    if (budget == 0)
        return r;
    LazyState s(f, cancel, r);
    while (s.step() < budget) {
        Bound top = s.pop();
        if (top.step == s.step()) {
            // Fresh and on top: no stale bound (an upper bound) can beat it.
            s.take(top, onPick);
            continue;
        }
        s.refresh(top);
        s.push(top);
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
        Bound top = s.pop();
        if (top.step != s.step()) {
            const double bound = s.boundNow(top);
            const double fresh = s.refresh(top);
            // The reference's test `fresh >= beta * bound` can never pass for a negative
            // bound (it loops forever); this form is the same for positive bounds.
            if (fresh < bound - (1.0 - beta) * std::abs(bound)) {
                s.push(top);
                continue;
            }
        }
        s.take(top, onPick);
    }
    return r;
}

} // namespace dq
