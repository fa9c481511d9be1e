#include "text/ParallelChunks.h"

#include "common/Progress.h"
#include "common/Threads.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace dq {

int resolveThreads(int threads, std::int64_t items)
{
    const int t = threads > 0 ? threads : workerThreads();
    return static_cast<int>(std::max<std::int64_t>(1, std::min<std::int64_t>(t, items)));
}

int parallelChunks(std::int64_t n, std::int64_t chunk, int threads,
                   const std::function<void(std::int64_t, std::int64_t, int)>& body, Progress& progress,
                   std::int64_t progressBase, const CancelToken& cancel)
{
    chunk = std::max<std::int64_t>(1, chunk);
    const int workers = resolveThreads(threads, (n + chunk - 1) / chunk);
    std::atomic<std::int64_t> next{0}, done{0};
    std::atomic<bool> stop{false};
    std::atomic<int> running{workers};
    std::exception_ptr error;
    std::mutex mutex;
    std::condition_variable finished;
    auto work = [&](int worker) {
        try {
            for (;;) {
                const std::int64_t begin = next.fetch_add(chunk);
                if (begin >= n || stop.load())
                    break;
                const std::int64_t end = std::min(n, begin + chunk);
                body(begin, end, worker);
                done.fetch_add(end - begin);
            }
        } catch (...) {
            std::lock_guard<std::mutex> lock(mutex);
            if (!error)
                error = std::current_exception();
            stop = true;
        }
        std::lock_guard<std::mutex> lock(mutex);
        --running;
        finished.notify_all();
    };
    std::vector<std::thread> pool;
    for (int w = 1; w < workers; ++w)
        pool.emplace_back(work, w);
    if (workers == 1) {
        // One worker: run on this thread, checking cancel between chunks.
        running = 0;
        for (std::int64_t begin = 0; begin < n; begin += chunk) {
            cancel.throwIfCancelled();
            body(begin, std::min(n, begin + chunk), 0);
            progress.update(progressBase + std::min(n, begin + chunk));
        }
        return 1;
    }
    pool.emplace_back(work, 0);
    for (;;) {
        {
            std::unique_lock<std::mutex> lock(mutex);
            if (finished.wait_for(lock, std::chrono::milliseconds(20), [&] { return running.load() == 0; }))
                break;
        }
        if (cancel.isCancelled())
            stop = true;
        progress.update(progressBase + done.load());
    }
    for (auto& t : pool)
        t.join();
    if (error)
        std::rethrow_exception(error);
    cancel.throwIfCancelled();
    progress.update(progressBase + done.load());
    return workers;
}

} // namespace dq
