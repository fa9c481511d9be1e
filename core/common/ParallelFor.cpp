#include "common/internal/ParallelFor.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "common/Threads.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace dq {

int resolveThreads(int threads, std::int64_t items)
{
    const int t = threads > 0 ? threads : workerThreads();
    return static_cast<int>(std::max<std::int64_t>(1, std::min<std::int64_t>(t, items)));
}

namespace {

// What the chunks threw, by chunk start; Cancelled kept apart from real errors.
class ChunkErrors {
public:
    void add(std::int64_t begin, std::exception_ptr e, bool cancelled)
    {
        std::lock_guard<std::mutex> lock(mutex_);
        (cancelled ? cancelled_ : errors_).emplace(begin, std::move(e));
    }
    void rethrowFirst() const
    {
        if (!errors_.empty())
            std::rethrow_exception(errors_.begin()->second);
        if (!cancelled_.empty())
            std::rethrow_exception(cancelled_.begin()->second);
    }

private:
    std::mutex mutex_;
    std::map<std::int64_t, std::exception_ptr> errors_, cancelled_;
};

} // namespace

int parallelFor(std::int64_t n, std::int64_t chunk, int threads, const ParallelBody& body,
                const std::function<void(std::int64_t)>& onPoll, const CancelToken& cancel)
{
    chunk = std::max<std::int64_t>(1, chunk);
    const int workers = resolveThreads(threads, (n + chunk - 1) / chunk);
    std::atomic<std::int64_t> next{0}, done{0};
    std::atomic<int> running{workers};
    CancelToken stop;
    ChunkErrors errors;
    std::mutex mutex;
    std::condition_variable finished;
    auto work = [&](int worker) {
        for (;;) {
            const std::int64_t begin = next.fetch_add(chunk);
            if (begin >= n || stop.isCancelled())
                break;
            const std::int64_t end = std::min(n, begin + chunk);
            try {
                body(begin, end, worker, stop);
                done.fetch_add(end - begin);
            } catch (const Cancelled&) {
                errors.add(begin, std::current_exception(), true);
                stop.cancel();
            } catch (...) {
                errors.add(begin, std::current_exception(), false);
                stop.cancel();
            }
        }
        std::lock_guard<std::mutex> lock(mutex);
        --running;
        finished.notify_all();
    };
    std::vector<std::thread> pool;
    for (int w = 0; w < workers; ++w)
        pool.emplace_back(work, w);
    for (;;) {
        {
            std::unique_lock<std::mutex> lock(mutex);
            if (finished.wait_for(lock, std::chrono::milliseconds(20), [&] { return running.load() == 0; }))
                break;
        }
        if (cancel.isCancelled())
            stop.cancel();
        if (onPoll)
            onPoll(done.load());
    }
    for (auto& t : pool)
        t.join();
    cancel.throwIfCancelled();
    errors.rethrowFirst();
    if (onPoll)
        onPoll(done.load());
    return workers;
}

int parallelChunks(std::int64_t n, std::int64_t chunk, int threads,
                   const std::function<void(std::int64_t, std::int64_t, int)>& body, Progress& progress,
                   std::int64_t progressBase, const CancelToken& cancel)
{
    return parallelFor(
        n, chunk, threads,
        [&](std::int64_t begin, std::int64_t end, int worker, const CancelToken&) { body(begin, end, worker); },
        [&](std::int64_t done) { progress.update(progressBase + done); }, cancel);
}

} // namespace dq
