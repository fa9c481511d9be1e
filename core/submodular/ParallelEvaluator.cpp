#include "submodular/ParallelEvaluator.h"

namespace dq {

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
        pending_ = static_cast<int>(workers_.size());
        ++generation_;
    }
    wake_.notify_all();
    // The caller takes share 0: indices 0, parts, 2 parts, ...
    for (std::int64_t i = 0; i < n; i += parts)
        job(i);
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [this] { return pending_ == 0; });
    job_ = nullptr;
}

void ParallelEvaluator::workerLoop(int index)
{
    std::uint64_t seen = 0;
    for (;;) {
        const std::function<void(std::int64_t)>* job;
        std::int64_t n;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
            if (stop_)
                return;
            seen = generation_;
            job = job_;
            n = count_;
        }
        const int parts = threads();
        for (std::int64_t i = index; i < n; i += parts)
            (*job)(i);
        {
            std::lock_guard<std::mutex> lock(mutex_);
            --pending_;
        }
        done_.notify_one();
    }
}

} // namespace dq
