#include "pipeline/PixelJob.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "pipeline/PixelStage.h"
#include "pipeline/SharedPixelSessions.h"
#include "pixel/PixelSession.h"

#include <chrono>

namespace fs = std::filesystem;

namespace dqui {

void PixelJob::run(dq::Progress& progress, const dq::CancelToken& cancel)
{
    const auto t0 = std::chrono::steady_clock::now();
    if (const QString why = PixelStage::unavailableReason(dataset_.get()); !why.isEmpty())
        throw dq::UsageError("pixels", why.toStdString());
    if (!sample_ || sample_->result.indices.empty())
        throw dq::UsageError("pixels", "nothing is selected yet: run the Sample stage first");
    auto s = std::make_shared<PixelState>();
    s->key = key_;
    s->sessionKey = params_.pixelSessionKey(dataset_->key);
    const fs::path folder = PixelStage::folderFor(key_, cacheDir_);
    s->folder = QString::fromStdString(folder.string());
    dq::PixelParams p = PixelStage::params(*dataset_, params_, cacheDir_);
    p.onNote = [this](const std::string& text) { addNote(dq::Note{"pixel.note", {}, text}); };

    // The session first: it trains or loads the CAM network and the MAE once (or waits for
    // the pixel view's build of the same key), and the run below then finds them in their
    // caches. The shared session outlives this job: no callback into it.
    dq::PixelParams sessionParams = p;
    sessionParams.onNote = nullptr;
    s->session = SharedPixelSessions::instance().obtain(
        s->sessionKey,
        [&](dq::Progress& building) {
            return std::make_shared<dq::PixelSession>(dataset_->bundle.train, sessionParams, building, cancel);
        },
        progress, cancel);
    s->fromCache = PixelStage::readResult(folder, s->result);
    if (!s->fromCache) {
        std::error_code ec;
        fs::create_directories(folder.parent_path(), ec);
        s->result = dq::runPixelQuantization(dataset_->train(), sample_->result.indices, p, folder, progress, cancel);
    }
    cancel.throwIfCancelled();
    s->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    result = std::move(s);
}

} // namespace dqui
