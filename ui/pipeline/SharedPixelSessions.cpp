#include "pipeline/SharedPixelSessions.h"

#include "common/Progress.h"

#include <chrono>

namespace dqui {

SharedPixelSessions& SharedPixelSessions::instance()
{
    static SharedPixelSessions sessions;
    return sessions;
}

std::shared_ptr<dq::PixelSession> SharedPixelSessions::obtain(const QString& key, const Build& build,
                                                              const dq::CancelToken& cancel)
{
    {
        std::unique_lock<std::mutex> lock(mutex_);
        for (;;) {
            Entry& e = entries_[key];
            if (auto live = e.session.lock())
                return live;
            if (!e.building) {
                e.building = true;
                break;
            }
            // Short waits: cancel is a flag, not a notification.
            changed_.wait_for(lock, std::chrono::milliseconds(50));
            if (cancel.isCancelled()) {
                lock.unlock();
                cancel.throwIfCancelled();
            }
        }
    }
    std::shared_ptr<dq::PixelSession> made;
    try {
        made = build();
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
