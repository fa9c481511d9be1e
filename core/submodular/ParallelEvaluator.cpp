#include "submodular/ParallelEvaluator.h"

namespace dq {
namespace {

// A few microseconds of polling before a thread sleeps: enough for jobs that come back to
// back, little lost where the caller's work in between is longer.
constexpr int kSpins = 400;

inline void pause()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
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
    if (parts == 1 || n < parts) {
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
    for (int s = 0; s < kSpins && pending_.load(std::memory_order_acquire) > 0; ++s)
        pause();
    if (pending_.load(std::memory_order_acquire) > 0) {
        std::unique_lock<std::mutex> lock(mutex_);
        done_.wait(lock, [this] { return pending_.load(std::memory_order_acquire) == 0; });
    }
}

void ParallelEvaluator::workerLoop(int index)
{
    std::uint64_t seen = 0;
    for (;;) {
        for (int s = 0; s < kSpins && generation_.load(std::memory_order_acquire) == seen && !stop_; ++s)
            pause();
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
