#include "submodular/internal/HotCandidates.h"

#include "common/Progress.h"
#include "submodular/internal/ParallelEvaluator.h"

#include "common/Error.h"

#include <algorithm>
#include <functional>

namespace dq {
namespace {

// Candidates stay while their bound is within this many "one pick of staleness" of the
// pick: cheaper to refresh here at every step than to pop them again from the queues.
constexpr double kWindowInRates = 2.0;
// Fewer quick bounds than this are not worth waking the other threads for.
constexpr std::size_t kParallelMin = 16;
// Rows are read this many candidates ahead.
constexpr std::size_t kPrefetchAhead = 4;
constexpr char kExact = 100;
// At most this many stay (a safety net where quick bounds are loose).
constexpr std::size_t kMaxHot = 16384;

} // namespace

HotCandidates::HotCandidates(SubmodularFunction& f, LazyQueues& queues, CohortQueues& cold, ParallelEvaluator* pool)
        : f_(f), queues_(queues), cold_(cold), pool_(pool)
{ }

bool HotCandidates::beats(std::size_t a, std::size_t b) const
{
    if (bound_[a] != bound_[b])
        return bound_[a] > bound_[b];
    return position_[a] < position_[b];
}

bool HotCandidates::coldBeatsHot() const
{
    double cold = 0;
    std::int32_t position = 0;
    if (!cold_.peek(cold, position))
        return false;
    if (order_.empty())
        return true;
    const auto t = static_cast<std::size_t>(order_.front());
    return cold > bound_[t] || (cold == bound_[t] && position < position_[t]);
}

// A candidate from the cold queues: its bound there holds now.
void HotCandidates::add(std::int32_t position, int group, double bound)
{
    position_.push_back(position);
    group_.push_back(group);
    bound_.push_back(bound);
    key_.push_back(bound + queues_.shift(static_cast<std::size_t>(group)));
    quick_.push_back(0);
    level_.push_back(0);
}

void HotCandidates::quickBoundsOf(std::size_t from, std::size_t to)
{
    if (pool_ && to - from < kParallelMin && to - from >= 2) {
        // A few candidates of which some have no sketch row yet: making a row costs some
        // twenty bounds, so those are worth sharing out one by one.
        std::size_t unbuilt = 0;
        for (std::size_t i = from; i < to; ++i)
            unbuilt += f_.quickBoundReady(position_[i]) ? 0 : 1;
        if (unbuilt >= 2) {
            pool_->run(static_cast<std::int64_t>(to - from), [&](std::int64_t k) {
                const std::size_t i = from + static_cast<std::size_t>(k);
                quick_[i] = f_.quickUpperBound(position_[i], 1);
            });
            return;
        }
    }
    const std::size_t parts = pool_ && to - from >= kParallelMin ? static_cast<std::size_t>(pool_->threads()) : 1;
    const std::size_t chunk = (to - from + parts - 1) / parts;
    auto job = [&](std::int64_t part) {
        const std::size_t begin = from + static_cast<std::size_t>(part) * chunk;
        const std::size_t end = std::min(to, begin + chunk);
        for (std::size_t i = begin; i < end; ++i) {
            if (i + kPrefetchAhead < end)
                f_.prefetchQuick(position_[i + kPrefetchAhead]);
            quick_[i] = f_.quickUpperBound(position_[i], 1);
        }
    };
    if (parts > 1)
        pool_->run(static_cast<std::int64_t>(parts), job);
    else
        job(0);
}

// Every candidate here gets its quick bound at the new step; the bound kept is the tighter
// of it and the stale one. How much tighter tells what one pick of staleness costs.
void HotCandidates::refresh(std::int64_t& quickBounds)
{
    const std::size_t n = position_.size();
    boundStep_ = queues_.step();
    quickBoundsOf(0, n);
    quickBounds += static_cast<std::int64_t>(n);
    double loosening = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const auto g = static_cast<std::size_t>(group_[i]);
        const double stale = key_[i] - queues_.shift(g);
        loosening += std::max(0.0, stale - quick_[i]);
        bound_[i] = std::min(stale, quick_[i]);
        key_[i] = bound_[i] + queues_.shift(g);
        level_[i] = 1;
    }
    if (n > 0) {
        const double rate = loosening / static_cast<double>(n);
        rate_ = rateKnown_ ? 0.9 * rate_ + 0.1 * rate : rate;
        rateKnown_ = true;
    }
    order_.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        order_[i] = static_cast<std::int32_t>(i);
    std::make_heap(order_.begin(), order_.end(), [this](std::int32_t a, std::int32_t b) { return beats(b, a); });
}

// The queues' best candidates (while they beat the best here) join, with quick bounds.
void HotCandidates::pull(std::int64_t& quickBounds)
{
    const std::size_t from = position_.size();
    while (position_.size() - from < pullBatch_ && coldBeatsHot()) {
        int group = 0;
        double bound = 0;
        const std::int32_t position = cold_.pop(group, bound);
        add(position, group, bound);
    }
    const std::size_t to = position_.size();
    quickBoundsOf(from, to);
    quickBounds += static_cast<std::int64_t>(to - from);
    const auto cmp = [this](std::int32_t a, std::int32_t b) { return beats(b, a); };
    for (std::size_t i = from; i < to; ++i) {
        const auto g = static_cast<std::size_t>(group_[i]);
        if (level_[i] != kExact) {
            bound_[i] = std::min(bound_[i], quick_[i]);
            key_[i] = bound_[i] + queues_.shift(g);
            level_[i] = 1;
        }
        order_.push_back(static_cast<std::int32_t>(i));
        std::push_heap(order_.begin(), order_.end(), cmp);
    }
}

// The best gets a tighter bound: the next quick level, else its exact gain. (Refining the
// next few at once on other threads costs more in waking them than it saves.)
void HotCandidates::refineTop(std::int64_t& exactEvaluations, std::int64_t& quickBounds)
{
    const auto cmp = [this](std::int32_t a, std::int32_t b) { return beats(b, a); };
    std::pop_heap(order_.begin(), order_.end(), cmp);
    const auto e = static_cast<std::size_t>(order_.back());
    if (level_[e] < f_.quickLevels()) {
        ++level_[e];
        ++quickBounds;
        bound_[e] = std::min(bound_[e], f_.quickUpperBound(position_[e], level_[e]));
    } else {
        ++exactEvaluations;
        bound_[e] = f_.gain(position_[e]);
        level_[e] = kExact;
    }
    key_[e] = bound_[e] + queues_.shift(static_cast<std::size_t>(group_[e]));
    std::push_heap(order_.begin(), order_.end(), cmp);
}

void HotCandidates::removeAt(std::size_t i)
{
    const std::size_t last = position_.size() - 1;
    position_[i] = position_[last];
    group_[i] = group_[last];
    key_[i] = key_[last];
    bound_[i] = bound_[last];
    level_[i] = level_[last];
    position_.pop_back();
    group_.pop_back();
    key_.pop_back();
    bound_.pop_back();
    level_.pop_back();
    quick_.pop_back();
}

void HotCandidates::evict(double threshold)
{
    std::size_t i = 0;
    while (i < position_.size()) {
        if (bound_[i] >= threshold) {
            ++i;
            continue;
        }
        cold_.push(position_[i], group_[i], bound_[i]);
        removeAt(i);
    }
    order_.clear();
}

Bound HotCandidates::choose(std::int64_t& exactEvaluations, std::int64_t& quickBounds, const CancelToken& cancel)
{
    cancel.throwIfCancelled();
    refresh(quickBounds);
    int pulls = 0;
    for (;;) {
        if (coldBeatsHot()) {
            pull(quickBounds);
            ++pulls;
            continue;
        }
        if (order_.empty())
            throw Error("lazy greedy", "no candidate left to pick");
        if (level_[static_cast<std::size_t>(order_.front())] == kExact)
            break;
        refineTop(exactEvaluations, quickBounds);
    }
    // The pulls' batch follows the need.
    if (pulls > 2)
        pullBatch_ = std::min<std::size_t>(512, 2 * pullBatch_);
    else if (pulls < 2)
        pullBatch_ = std::max<std::size_t>(8, pullBatch_ / 2);

    const auto w = static_cast<std::size_t>(order_.front());
    const Bound winner{key_[w], bound_[w], position_[w], static_cast<std::uint32_t>(boundStep_), 1};
    removeAt(w);
    order_.clear();
    // Until one refresh has measured the rate, all stay.
    if (rateKnown_)
        evict(threshold(winner.value - kWindowInRates * rate_));
    return winner;
}

// The window's lower end, raised where more candidates than kMaxHot would stay.
double HotCandidates::threshold(double window)
{
    if (position_.size() <= kMaxHot)
        return window;
    scratch_ = bound_;
    const auto keep = scratch_.begin() + static_cast<std::ptrdiff_t>(kMaxHot / 2);
    std::nth_element(scratch_.begin(), keep, scratch_.end(), std::greater<double>());
    return std::max(window, *keep);
}

void HotCandidates::flush()
{
    // The bounds here hold at boundStep_, the step before the current one.
    const auto step = static_cast<std::uint32_t>(boundStep_);
    for (std::size_t i = 0; i < position_.size(); ++i) {
        const std::uint32_t exact = level_[i] == kExact ? 1 : 0;
        queues_.push({key_[i], bound_[i], position_[i], step, exact}, group_[i]);
    }
    while (!position_.empty())
        removeAt(position_.size() - 1);
    const auto now = static_cast<std::uint32_t>(queues_.step());
    cold_.drain([&](std::int32_t position, int group, double bound) {
        queues_.push({bound + queues_.shift(static_cast<std::size_t>(group)), bound, position, now, 0}, group);
    });
}

} // namespace dq
