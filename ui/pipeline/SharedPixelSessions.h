#pragma once
#include <QString>

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

namespace dq {
class PixelSession;
class CancelToken;
} // namespace dq

namespace dqui {

// One PixelSession per session key in the whole program: the Pixels stage and the pixel
// view share it, and whoever asks while another thread builds it waits for that build
// instead of training or loading the CAM network and the MAE a second time (the tour
// opens the view, whose build starts, just before it runs the stage). Sessions are held
// weakly: one lives as long as a view or a stage result uses it.
class SharedPixelSessions {
public:
    using Build = std::function<std::shared_ptr<dq::PixelSession>()>;

    static SharedPixelSessions& instance();

    // The live session of `key`, else the one being built (waiting for it, cancellable),
    // else a new one from `build` (run on the calling thread). When a build fails or is
    // cancelled, a waiting caller builds in its place.
    std::shared_ptr<dq::PixelSession> obtain(const QString& key, const Build& build, const dq::CancelToken& cancel);

    // The live session of `key`, or null (never waits, never builds).
    std::shared_ptr<dq::PixelSession> find(const QString& key);

private:
    struct Entry {
        std::weak_ptr<dq::PixelSession> session;
        bool building = false;
    };
    std::mutex mutex_;
    std::condition_variable changed_;
    std::map<QString, Entry> entries_;
};

} // namespace dqui
