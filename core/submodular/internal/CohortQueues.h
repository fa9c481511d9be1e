#pragma once
// Core-private: the lazy greedy's stale candidates when the function has checkpoints.
#include <algorithm>
#include <cstdint>
#include <vector>

namespace dq {

class SubmodularFunction;

// Stale upper bounds grouped by the selection they were set at (a cohort, with the
// function's checkpoint there) and by the function's group. A whole queue's bounds fall by
// the function's fallSince(checkpoint, group), which on diffuse data grows like the square
// root of the picks since, where the per-pick bounds of LazyQueues grow linearly: a
// candidate set far below the top stays put for many more picks. Cohorts merge into older
// ones (each candidate's bound then re-based on the older checkpoint), so only a few
// checkpoints are kept.
class CohortQueues {
public:
    CohortQueues(SubmodularFunction& f, std::int64_t step, int maxCohorts);
    ~CohortQueues();
    CohortQueues(const CohortQueues&) = delete;
    CohortQueues& operator=(const CohortQueues&) = delete;

    // A candidate of `group` whose gain is at most `bound` at the current selection.
    void push(std::int32_t position, int group, double bound);
    // The best bound now, ties to the lowest position; false when empty.
    bool peek(double& bound, std::int32_t& position) const;
    // Removes the best: its position, group and bound now.
    std::int32_t pop(int& group, double& bound);
    // After each select: every bound falls by its checkpoint's proven fall; cohorts merge.
    void picked();
    // Every candidate with its bound now, then empty.
    template <class Sink>
    void drain(Sink&& sink);

private:
    struct Entry {
        double key; // the bound at the cohort's checkpoint
        std::int32_t position;
    };
    struct Queue {
        std::vector<Entry> heap;
        int cohort = -1, group = 0;
        double fall = 0;
    };
    struct Cohort {
        int checkpoint = -1;
        std::int64_t step = 0;
        std::vector<int> queueOfGroup;
    };

    static bool below(const Entry& a, const Entry& b);
    double topBound(int q) const
    {
        const Queue& queue = queues_[static_cast<std::size_t>(q)];
        return queue.heap.front().key - queue.fall;
    }
    bool better(int a, int b) const;
    int queueFor(int cohort, int group);
    void rebuildTop();
    void siftUp(std::size_t i);
    void siftDown(std::size_t i);
    void place(std::size_t i, int q);
    void mergeOne();

    SubmodularFunction& f_;
    std::int64_t step_;
    int maxCohorts_;
    std::vector<Queue> queues_;
    std::vector<int> freeQueues_;
    std::vector<Cohort> cohorts_; // oldest first
    std::vector<int> top_; // a max-heap of non-empty queues by better()
    std::vector<int> where_; // each queue's index in top_, or -1
};

template <class Sink>
void CohortQueues::drain(Sink&& sink)
{
    for (Queue& q : queues_) {
        for (const Entry& e : q.heap)
            sink(e.position, q.group, e.key - q.fall);
        q.heap.clear();
    }
    top_.clear();
    std::fill(where_.begin(), where_.end(), -1);
}

} // namespace dq
