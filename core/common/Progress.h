#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace dq {

// Set from any thread (a Cancel button, a signal handler); long jobs poll it at least
// every 100 ms of work through throwIfCancelled().
class CancelToken {
public:
    void cancel() noexcept { flag_.store(true, std::memory_order_relaxed); }
    bool isCancelled() const noexcept { return flag_.load(std::memory_order_relaxed); }
    void throwIfCancelled() const;
    void reset() noexcept { flag_.store(false, std::memory_order_relaxed); }

private:
    std::atomic<bool> flag_{false};
};

struct ProgressEvent {
    std::int64_t done = 0;
    std::int64_t total = 0; // 0 when unknown
    std::string stage; // e.g. "bins"
    std::string detail; // e.g. "bin 3/10, class 7"
};

// Progress sink handed to every long job. Callbacks may come from a worker thread and
// are rate-limited here so that jobs can call update() in tight loops.
class Progress {
public:
    using Callback = std::function<void(const ProgressEvent&)>;

    Progress() = default;
    explicit Progress(Callback callback, int minIntervalMs = 50);

    void setStage(const std::string& stage, std::int64_t total);
    void setDetail(const std::string& detail); // shown beside the bar; not a new stage
    void update(std::int64_t done); // rate-limited
    void advance(std::int64_t by = 1); // rate-limited
    void finishStage(); // always reported

    const ProgressEvent& current() const { return event_; }
    static Progress& none();

private:
    void publish(bool force);

    Callback callback_;
    int minIntervalMs_ = 50;
    std::int64_t lastEmitMs_ = -1;
    ProgressEvent event_;
};

} // namespace dq
