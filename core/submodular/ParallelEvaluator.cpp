#include "submodular/internal/ParallelEvaluator.h"

#include <chrono>

namespace dq {
namespace {

// How long a thread polls before it sleeps. In the lazy greedy's quick-bound path jobs come
// every 100-300 us; a futex sleep and wake-up each time costs more than the job saves (it
// was a fifth of all CPU time), so threads poll for longer than that gap. Past the first
// microseconds they yield while polling, so other processes on the same cores still run.
constexpr auto kPollFor = std::chrono::microseconds(1000);
constexpr int kPausesBeforeYield = 200;
constexpr int kPausesPerYield = 32;

inline void pause()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

// Polls `ready` for up to kPollFor; true when it held.
template <class Ready>
bool pollFor(Ready ready)
{
    for (int s = 0; s < kPausesBeforeYield; ++s) {
        if (ready())
            return true;
        pause();
    }
    const auto until = std::chrono::steady_clock::now() + kPollFor;
    for (int s = 1; !ready(); ++s) {
        if (s % kPausesPerYield != 0) {
            pause();
            continue;
        }
        if (std::chrono::steady_clock::now() >= until)
            return false;
        std::this_thread::yield();
    }
    return true;
}

} // namespace

ParallelEvaluator::ParallelEvaluator(int threads)
{
    for (int t = 1; t < threads; ++t)
        workers_.emplace_back([this, t] { workerLoop(t); });
}

ParallelEvaluator::~ParallelEvaluator()
{
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    for (auto& w : workers_)
        w.join();
}

void ParallelEvaluator::run(std::int64_t n, const std::function<void(std::int64_t)>& job)
{
    const int parts = threads();
    // Fewer jobs than threads still share out (the threads beyond n find none).
    if (parts == 1 || n < 2) {
        for (std::int64_t i = 0; i < n; ++i)
            job(i);
        return;
    }
    {
        std::lock_guard<std::mutex> lock(mutex_);
        job_ = &job;
        count_ = n;
        pending_.store(static_cast<int>(workers_.size()), std::memory_order_relaxed);
        generation_.fetch_add(1, std::memory_order_release);
    }
    wake_.notify_all();
    // The caller takes share 0: indices 0, parts, 2 parts, ...
    for (std::int64_t i = 0; i < n; i += parts)
        job(i);
    if (!pollFor([this] { return pending_.load(std::memory_order_acquire) == 0; })) {
        std::unique_lock<std::mutex> lock(mutex_);
        done_.wait(lock, [this] { return pending_.load(std::memory_order_acquire) == 0; });
    }
}

void ParallelEvaluator::workerLoop(int index)
{
    std::uint64_t seen = 0;
    for (;;) {
        pollFor([&] { return generation_.load(std::memory_order_acquire) != seen || stop_; });
        const std::function<void(std::int64_t)>* job;
        std::int64_t n;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [&] { return stop_ || generation_.load(std::memory_order_acquire) != seen; });
            if (stop_)
                return;
            seen = generation_.load(std::memory_order_acquire);
            job = job_;
            n = count_;
        }
        const int parts = threads();
        for (std::int64_t i = index; i < n; i += parts)
            (*job)(i);
        {
            std::lock_guard<std::mutex> lock(mutex_);
            pending_.fetch_sub(1, std::memory_order_acq_rel);
        }
        done_.notify_one();
    }
}

} // namespace dq
