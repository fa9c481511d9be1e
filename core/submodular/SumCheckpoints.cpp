#include "submodular/internal/SumCheckpoints.h"

#include "submodular/internal/ParallelEvaluator.h"
#include "submodular/internal/VectorMath.h"

#include <algorithm>
#include <atomic>
#include <cmath>

namespace dq {

SumCheckpoints::SumCheckpoints(std::vector<double> direction) : m_(std::move(direction))
{
    double n2 = 0;
    for (const double v : m_)
        n2 += v * v;
    const double n = std::sqrt(n2);
    for (double& v : m_)
        v = n > 0 ? v / n : 0.0;
    // Products, differences and sums of d terms, the direction's length off 1 by as much:
    // each at most (d + 4) 2^-53 relative; four times that.
    rel_ = 4.0 * (static_cast<double>(m_.size()) + 4.0) * 1.2e-16;
}

int SumCheckpoints::add(const std::vector<double>& sum, std::int64_t step)
{
    std::size_t id = 0;
    while (id < slots_.size() && slots_[id].used)
        ++id;
    if (id == slots_.size())
        slots_.emplace_back();
    cachedOlder_ = cachedNewer_ = -1;
    Slot& s = slots_[id];
    s.sum = sum;
    s.step = step;
    s.used = true;
    s.drift = Drift{};
    return static_cast<int>(id);
}

void SumCheckpoints::release(int id)
{
    slots_[static_cast<std::size_t>(id)].used = false;
    cachedOlder_ = cachedNewer_ = -1;
}

int SumCheckpoints::live() const
{
    return static_cast<int>(std::count_if(slots_.begin(), slots_.end(), [](const Slot& s) { return s.used; }));
}

SumCheckpoints::Drift SumCheckpoints::driftOf(const double* now, const double* then, std::int64_t steps) const
{
    double r2 = 0, sig = 0;
    differenceMoments(now, then, m_.data(), static_cast<std::int64_t>(m_.size()), r2, sig);
    // |sigma - <R, m_exact>| <= rel |R|; |R|^2 within rel of r2; then |R_perp|^2 = |R|^2 - sigma^2.
    const double rNorm = std::sqrt(r2) * (1.0 + rel_);
    const double sigErr = rel_ * rNorm;
    Drift d;
    d.sigmaLow = sig - sigErr;
    d.sigmaHigh = sig + sigErr;
    const double perp2 = std::max(0.0, r2 - sig * sig) + rel_ * r2 + 2.0 * std::abs(sig) * sigErr + sigErr * sigErr;
    d.perpHigh = std::sqrt(perp2) * (1.0 + rel_);
    d.steps = steps;
    return d;
}

void SumCheckpoints::update(const std::vector<double>& sum, std::int64_t step, ParallelEvaluator* threads,
                            const std::function<void()>& alongside)
{
    live_.clear();
    for (std::size_t i = 0; i < slots_.size(); ++i)
        if (slots_[i].used)
            live_.push_back(i);
    if (live_.empty()) {
        if (alongside)
            alongside();
        return;
    }
    // Threads take the next slot as they come free (the one running `alongside` joins late).
    std::atomic<std::size_t> next{0};
    const auto work = [&] {
        for (std::size_t k; (k = next.fetch_add(1, std::memory_order_relaxed)) < live_.size();) {
            Slot& s = slots_[live_[k]];
            s.drift = driftOf(sum.data(), s.sum.data(), step - s.step);
        }
    };
    if (!threads || threads->threads() == 1) {
        if (alongside)
            alongside();
        work();
        return;
    }
    threads->run(threads->threads(), [&](std::int64_t part) {
        if (part == 0 && alongside)
            alongside();
        work();
    });
}

SumCheckpoints::Drift SumCheckpoints::between(int older, int newer) const
{
    if (older == cachedOlder_ && newer == cachedNewer_)
        return cachedBetween_;
    const Slot& a = slots_[static_cast<std::size_t>(older)];
    const Slot& b = slots_[static_cast<std::size_t>(newer)];
    cachedBetween_ = driftOf(b.sum.data(), a.sum.data(), b.step - a.step);
    cachedOlder_ = older;
    cachedNewer_ = newer;
    return cachedBetween_;
}

} // namespace dq
