#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace dq {

// A few persistent threads that run one indexed job at a time: run(n, job) calls
// job(i) for i in [0, n) spread over the threads and the caller, and returns when all are
// done. Lazy greedy uses it to refresh many candidates of one big pool at once, thousands
// of times a second: threads are started once, and between jobs they poll briefly before
// they sleep, so a job that follows soon does not wait for a wake-up.
class ParallelEvaluator {
public:
    explicit ParallelEvaluator(int threads); // total, the caller included
    ~ParallelEvaluator();
    ParallelEvaluator(const ParallelEvaluator&) = delete;
    ParallelEvaluator& operator=(const ParallelEvaluator&) = delete;

    int threads() const { return static_cast<int>(workers_.size()) + 1; }
    void run(std::int64_t n, const std::function<void(std::int64_t)>& job);

private:
    void workerLoop(int index);

    std::vector<std::thread> workers_;
    std::mutex mutex_;
    std::condition_variable wake_, done_;
    const std::function<void(std::int64_t)>* job_ = nullptr;
    std::int64_t count_ = 0;
    std::atomic<std::uint64_t> generation_{0};
    std::atomic<int> pending_{0};
    std::atomic<bool> stop_{false};
};

} // namespace dq
