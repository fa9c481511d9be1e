#include "submodular/internal/CohortQueues.h"

#include "submodular/SubmodularFunction.h"

#include <algorithm>

namespace dq {

// Highest key first, then the lowest position (as the naive argmax).
bool CohortQueues::below(const Entry& a, const Entry& b)
{
    if (a.key != b.key)
        return a.key < b.key;
    return a.position > b.position;
}

CohortQueues::CohortQueues(SubmodularFunction& f, std::int64_t step, int maxCohorts)
        : f_(f), step_(step), maxCohorts_(std::max(2, maxCohorts))
{ }

CohortQueues::~CohortQueues()
{
    for (const Cohort& c : cohorts_)
        f_.releaseCheckpoint(c.checkpoint);
}

bool CohortQueues::better(int a, int b) const
{
    const double ba = topBound(a), bb = topBound(b);
    if (ba != bb)
        return ba > bb;
    return queues_[static_cast<std::size_t>(a)].heap.front().position <
           queues_[static_cast<std::size_t>(b)].heap.front().position;
}

void CohortQueues::place(std::size_t i, int q)
{
    top_[i] = q;
    where_[static_cast<std::size_t>(q)] = static_cast<int>(i);
}

void CohortQueues::siftUp(std::size_t i)
{
    const int q = top_[i];
    while (i > 0) {
        const std::size_t parent = (i - 1) / 2;
        if (!better(q, top_[parent]))
            break;
        place(i, top_[parent]);
        i = parent;
    }
    place(i, q);
}

void CohortQueues::siftDown(std::size_t i)
{
    const int q = top_[i];
    const std::size_t n = top_.size();
    for (;;) {
        std::size_t child = 2 * i + 1;
        if (child >= n)
            break;
        if (child + 1 < n && better(top_[child + 1], top_[child]))
            ++child;
        if (!better(top_[child], q))
            break;
        place(i, top_[child]);
        i = child;
    }
    place(i, q);
}

void CohortQueues::rebuildTop()
{
    top_.clear();
    std::fill(where_.begin(), where_.end(), -1);
    for (std::size_t q = 0; q < queues_.size(); ++q)
        if (!queues_[q].heap.empty()) {
            top_.push_back(static_cast<int>(q));
            where_[q] = static_cast<int>(top_.size() - 1);
        }
    for (std::size_t i = top_.size() / 2; i-- > 0;)
        siftDown(i);
}

int CohortQueues::queueFor(int cohort, int group)
{
    Cohort& c = cohorts_[static_cast<std::size_t>(cohort)];
    if (c.queueOfGroup.size() <= static_cast<std::size_t>(group))
        c.queueOfGroup.resize(static_cast<std::size_t>(group) + 1, -1);
    int& q = c.queueOfGroup[static_cast<std::size_t>(group)];
    if (q < 0) {
        if (!freeQueues_.empty()) {
            q = freeQueues_.back();
            freeQueues_.pop_back();
        } else {
            q = static_cast<int>(queues_.size());
            queues_.emplace_back();
            where_.push_back(-1);
        }
        Queue& queue = queues_[static_cast<std::size_t>(q)];
        queue.cohort = cohort;
        queue.group = group;
        queue.fall = f_.fallSince(c.checkpoint, group);
    }
    return q;
}

void CohortQueues::push(std::int32_t position, int group, double bound)
{
    if (cohorts_.empty() || cohorts_.back().step != step_) {
        Cohort c;
        c.checkpoint = f_.checkpoint();
        c.step = step_;
        cohorts_.push_back(std::move(c));
    }
    const int q = queueFor(static_cast<int>(cohorts_.size() - 1), group);
    Queue& queue = queues_[static_cast<std::size_t>(q)];
    // At its own checkpoint a cohort's fall is only the rounding margin (<= 0): the key is
    // the bound itself.
    queue.heap.push_back({bound, position});
    std::push_heap(queue.heap.begin(), queue.heap.end(), below);
    if (where_[static_cast<std::size_t>(q)] < 0) {
        top_.push_back(q);
        where_[static_cast<std::size_t>(q)] = static_cast<int>(top_.size() - 1);
    }
    siftUp(static_cast<std::size_t>(where_[static_cast<std::size_t>(q)]));
}

bool CohortQueues::peek(double& bound, std::int32_t& position) const
{
    if (top_.empty())
        return false;
    bound = topBound(top_.front());
    position = queues_[static_cast<std::size_t>(top_.front())].heap.front().position;
    return true;
}

std::int32_t CohortQueues::pop(int& group, double& bound)
{
    const int q = top_.front();
    Queue& queue = queues_[static_cast<std::size_t>(q)];
    const Entry e = queue.heap.front();
    std::pop_heap(queue.heap.begin(), queue.heap.end(), below);
    queue.heap.pop_back();
    group = queue.group;
    bound = e.key - queue.fall;
    if (queue.heap.empty()) {
        where_[static_cast<std::size_t>(q)] = -1;
        const int last = top_.back();
        top_.pop_back();
        if (!top_.empty()) {
            place(0, last);
            siftDown(0);
        }
    } else {
        siftDown(0);
    }
    return e.position;
}

// Merges the cohort that is closest to its predecessor relative to its age into that
// predecessor (there its bounds lose least). Its bounds are re-based on the older
// checkpoint by the most the gains can have fallen in between, so merging costs the size
// of the newer cohort only (the old ones are the big ones).
void CohortQueues::mergeOne()
{
    std::size_t best = 1;
    double bestScore = 0;
    for (std::size_t i = 1; i < cohorts_.size(); ++i) {
        const double gap = static_cast<double>(cohorts_[i].step - cohorts_[i - 1].step);
        const double age = static_cast<double>(step_ - cohorts_[i].step + 1);
        const double score = gap / age;
        if (i == 1 || score < bestScore) {
            best = i;
            bestScore = score;
        }
    }
    Cohort& from = cohorts_[best];
    const int to = static_cast<int>(best - 1);
    for (std::size_t g = 0; g < from.queueOfGroup.size(); ++g) {
        const int qa = from.queueOfGroup[g];
        if (qa < 0)
            continue;
        if (!queues_[static_cast<std::size_t>(qa)].heap.empty()) {
            const double rebase = f_.fallBetween(cohorts_[best - 1].checkpoint, from.checkpoint, static_cast<int>(g), true);
            const int qb = queueFor(to, static_cast<int>(g));
            Queue& a = queues_[static_cast<std::size_t>(qa)];
            Queue& b = queues_[static_cast<std::size_t>(qb)];
            for (const Entry& e : a.heap) {
                b.heap.push_back({e.key + rebase, e.position});
                std::push_heap(b.heap.begin(), b.heap.end(), below);
            }
            a.heap.clear();
        }
        queues_[static_cast<std::size_t>(qa)].cohort = -1;
        freeQueues_.push_back(qa);
    }
    f_.releaseCheckpoint(from.checkpoint);
    cohorts_.erase(cohorts_.begin() + static_cast<std::ptrdiff_t>(best));
    // Cohort indices after `best` moved down by one.
    for (Queue& q : queues_)
        if (q.cohort > static_cast<int>(best))
            --q.cohort;
}

void CohortQueues::picked()
{
    ++step_;
    while (static_cast<int>(cohorts_.size()) > maxCohorts_)
        mergeOne();
    for (Queue& q : queues_)
        if (q.cohort >= 0)
            q.fall = f_.fallSince(cohorts_[static_cast<std::size_t>(q.cohort)].checkpoint, q.group);
    rebuildTop();
}

} // namespace dq
