#include "pipeline/SharedPixelSessions.h"

#include <chrono>

namespace dqui {

SharedPixelSessions& SharedPixelSessions::instance()
{
    static SharedPixelSessions sessions;
    return sessions;
}

namespace {

// Replays one progress event on another sink: the stage, its detail and the count.
void mirror(const dq::ProgressEvent& e, dq::Progress& to)
{
    if (e.stage != to.current().stage || e.total != to.current().total)
        to.setStage(e.stage, e.total);
    if (e.detail != to.current().detail)
        to.setDetail(e.detail);
    if (e.total > 0 && e.done >= e.total)
        to.finishStage(); // never rate-limited away: a waiter sees the build's stages end
    else
        to.update(e.done);
}

} // namespace

std::shared_ptr<dq::PixelSession> SharedPixelSessions::obtain(const QString& key, const Build& build, dq::Progress& progress,
                                                              const dq::CancelToken& cancel)
{
    {
        std::unique_lock<std::mutex> lock(mutex_);
        std::uint64_t seen = 0;
        for (;;) {
            Entry& e = entries_[key];
            if (auto live = e.session.lock())
                return live;
            if (!e.building) {
                e.building = true;
                e.events = 0;
                break;
            }
            // Waiting shows the build's own progress (training the CAM network, the MAE).
            if (e.events != seen) {
                seen = e.events;
                const dq::ProgressEvent event = e.progress;
                lock.unlock();
                mirror(event, progress);
                lock.lock();
                continue;
            }
            // Short waits: cancel is a flag, not a notification.
            changed_.wait_for(lock, std::chrono::milliseconds(50));
            if (cancel.isCancelled()) {
                lock.unlock();
                cancel.throwIfCancelled();
            }
        }
    }
    // The builder reports to its caller and leaves each event for the waiters.
    dq::Progress relay(
        [&](const dq::ProgressEvent& event) {
            {
                std::lock_guard<std::mutex> lock(mutex_);
                Entry& e = entries_[key];
                e.progress = event;
                ++e.events;
            }
            changed_.notify_all();
            mirror(event, progress);
        },
        0); // every event: the caller's progress does the rate limiting
    std::shared_ptr<dq::PixelSession> made;
    try {
        made = build(relay);
    } catch (...) {
        std::lock_guard<std::mutex> lock(mutex_);
        entries_[key].building = false;
        changed_.notify_all();
        throw;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    Entry& e = entries_[key];
    e.building = false;
    e.session = made;
    // Forget the keys whose sessions are gone (they hold no memory, only their names).
    for (auto it = entries_.begin(); it != entries_.end();)
        it = !it->second.building && it->second.session.expired() ? entries_.erase(it) : std::next(it);
    changed_.notify_all();
    return made;
}

std::shared_ptr<dq::PixelSession> SharedPixelSessions::find(const QString& key)
{
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : it->second.session.lock();
}

} // namespace dqui
