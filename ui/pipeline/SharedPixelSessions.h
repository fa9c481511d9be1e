#pragma once
#include "common/Progress.h"

#include <QString>

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

namespace dq {
class PixelSession;
} // namespace dq

namespace dqui {

// One PixelSession per session key in the whole program: the Pixels stage and the pixel
// view share it, and whoever asks while another thread builds it waits for that build
// instead of training or loading the CAM network and the MAE a second time (the tour
// opens the view, whose build starts, just before it runs the stage). Sessions are held
// weakly: one lives as long as a view or a stage result uses it.
class SharedPixelSessions {
public:
    // Builds a session, reporting to the progress it is given.
    using Build = std::function<std::shared_ptr<dq::PixelSession>(dq::Progress&)>;

    static SharedPixelSessions& instance();

    // The live session of `key`, else the one being built (waiting for it, cancellable,
    // with the build's progress mirrored to `progress`), else a new one from `build` (run on
    // the calling thread, reporting to `progress`). When a build fails or is cancelled, a
    // waiting caller builds in its place.
    std::shared_ptr<dq::PixelSession> obtain(const QString& key, const Build& build, dq::Progress& progress,
                                             const dq::CancelToken& cancel);

    // The live session of `key`, or null (never waits, never builds).
    std::shared_ptr<dq::PixelSession> find(const QString& key);

private:
    struct Entry {
        std::weak_ptr<dq::PixelSession> session;
        bool building = false;
        // The build's latest progress, for the callers waiting on it; `events` counts them.
        dq::ProgressEvent progress;
        std::uint64_t events = 0;
    };
    std::mutex mutex_;
    std::condition_variable changed_;
    std::map<QString, Entry> entries_;
};

} // namespace dqui
