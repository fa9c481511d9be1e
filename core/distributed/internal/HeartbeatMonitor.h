#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace c10d {
class Store;
}

namespace dq {

// Every rank's liveness through the rendezvous store: each rank writes its key
// "dq/beat/<rank>" every few hundred milliseconds ("b <count> <collectives entered>",
// "done" at the end, "error <message>" on failure) and reads the others'. A rank whose
// count stands still longer than `stale`, a rank that failed, or the loss of the store
// (rank 0 gone) stops this process at once with a message naming that rank: whatever the
// main thread is doing (computing, or blocked in a collective), it need not notice.
// Killing is safe because only rank 0 writes outputs, after stopWatching().
class HeartbeatMonitor {
public:
    HeartbeatMonitor(c10d::Store& store, int rank, int size, std::chrono::milliseconds stale, std::string masterAddress);
    ~HeartbeatMonitor();

    static std::string key(int rank) { return "dq/beat/" + std::to_string(rank); }

    void start();
    // Counted before each collective; the counts tell which ranks are behind.
    void enterCollective() { entered_.fetch_add(1, std::memory_order_relaxed); }
    std::int64_t entered() const { return entered_.load(std::memory_order_relaxed); }
    // From now on this rank keeps beating but no longer stops itself (rank 0 is writing).
    void stopWatching() { watching_ = false; }
    // After a collective failed: waits up to `stale` (plus a little) for the monitor to
    // recognise a dead or failed rank (it then stops the process); else says which ranks
    // have not entered as many collectives as this one.
    std::string explainFailure();
    // Stops the thread and writes "done" (or "error <message>").
    void finish(const std::string& errorMessage = {});
    // Rank 0: waits (up to `limit`) until every other rank has written "done" or "error".
    void waitForOthersToFinish(std::chrono::milliseconds limit);

private:
    void run();
    void checkOthers();
    [[noreturn]] void stopProcess(const std::string& message);

    c10d::Store& store_;
    const int rank_, size_;
    const std::chrono::milliseconds stale_;
    const std::string master_;
    std::atomic<std::int64_t> entered_{0};
    std::atomic<bool> watching_{true};
    std::atomic<bool> stopping_{false};
    std::mutex mutex_;
    std::condition_variable wake_;
    std::thread thread_;
    std::int64_t beats_ = 0;
    struct Peer {
        std::string last;
        std::chrono::steady_clock::time_point changed;
        bool finished = false;
        std::int64_t entered = 0;
    };
    std::vector<Peer> peers_;
    std::mutex peersMutex_;
};

} // namespace dq
