#pragma once
// Core-private: the priority queues of the lazy greedy (LazyGreedy.cpp, HotCandidates.cpp).
#include "submodular/SubmodularFunction.h"

#include <cstdint>
#include <queue>
#include <vector>

namespace dq {

// An upper bound on one candidate's gain. It is stored step-invariant: the bound now is
// key - shift[group], where shift[group] sums the proven least decrease of every gain of
// the group over all picks so far. The same subtraction for every entry of a group keeps
// its queue's order, and each group's bounds fall at the group's own rate.
struct Bound {
    double key;
    double value; // the bound (the gain itself when exact) at `step`
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

// One queue per group of the function, with the groups' shifts.
class LazyQueues {
public:
    // All candidates, exact at step 0 with the given gains.
    LazyQueues(const SubmodularFunction& f, const std::vector<double>& gains)
            : shift_(static_cast<std::size_t>(f.groupCount()), 0.0)
    {
        std::vector<std::vector<Bound>> groups(shift_.size());
        for (std::size_t p = 0; p < gains.size(); ++p)
            groups[static_cast<std::size_t>(f.groupOf(static_cast<std::int64_t>(p)))].push_back(
                {gains[p], gains[p], static_cast<std::int32_t>(p), 0, 1});
        for (auto& entries : groups)
            queues_.emplace_back(Lower{}, std::move(entries));
    }

    std::int64_t step() const { return step_; }
    bool fresh(const Bound& b) const { return b.exact && b.step == static_cast<std::uint64_t>(step_); }
    double shift(std::size_t group) const { return shift_[group]; }
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
    const Bound& top(int g) const { return queues_[static_cast<std::size_t>(g)].top(); }
    Bound pop(int g)
    {
        Bound b = queue(g).top();
        queue(g).pop();
        return b;
    }
    void push(const Bound& b, int g) { queue(g).push(b); }

    // `value` becomes b's exact gain at the current step.
    void setExact(Bound& b, int g, double gain) const
    {
        b.step = static_cast<std::uint32_t>(step_);
        b.value = gain;
        b.exact = 1;
        b.key = gain + shift_[static_cast<std::size_t>(g)];
    }

    // Every entry out with its bound now, then empty.
    template <class Sink>
    void drain(Sink&& sink)
    {
        for (std::size_t g = 0; g < queues_.size(); ++g)
            for (; !queues_[g].empty(); queues_[g].pop())
                sink(queues_[g].top().position, static_cast<int>(g), boundNow(queues_[g].top(), g));
    }

    // After f.select(picked): one step on, every group's bounds lowered.
    void picked(const SubmodularFunction& f, std::int64_t position)
    {
        ++step_;
        for (std::size_t g = 0; g < shift_.size(); ++g)
            shift_[g] += f.groupDecrease(static_cast<int>(g), position);
    }

private:
    std::vector<double> shift_;
    std::vector<BoundQueue> queues_;
    std::int64_t step_ = 0;
};

} // namespace dq
