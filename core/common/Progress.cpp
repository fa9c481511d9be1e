#include "common/Progress.h"

#include "common/Error.h"

#include <chrono>

namespace dq {

void CancelToken::throwIfCancelled() const
{
    if (isCancelled())
        throw Cancelled();
}

Progress::Progress(Callback callback, int minIntervalMs) : callback_(std::move(callback)), minIntervalMs_(minIntervalMs) { }

Progress& Progress::none()
{
    thread_local Progress silent;
    return silent;
}

void Progress::setStage(const std::string& stage, std::int64_t total)
{
    event_.stage = stage;
    event_.total = total;
    event_.done = 0;
    event_.detail.clear();
    publish(true);
}

void Progress::setDetail(const std::string& detail)
{
    event_.detail = detail;
    publish(false);
}

void Progress::update(std::int64_t done)
{
    event_.done = done;
    publish(false);
}

void Progress::advance(std::int64_t by)
{
    event_.done += by;
    publish(false);
}

void Progress::finishStage()
{
    if (event_.total > 0)
        event_.done = event_.total;
    publish(true);
}

void Progress::publish(bool force)
{
    if (!callback_)
        return;
    const auto now =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
    if (!force && lastEmitMs_ >= 0 && now - lastEmitMs_ < minIntervalMs_)
        return;
    lastEmitMs_ = now;
    callback_(event_);
}

} // namespace dq
