#include "pipeline/PixelJob.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "pipeline/PixelStage.h"
#include "pipeline/SharedPixelSessions.h"
#include "pixel/PixelSession.h"
#include "common/JobContext.h"
#include "stages/torch/PixelStage.h"

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
    dq::PixelStageParams stage;
    stage.dataset = &dataset_->bundle;
    stage.indices = sample_->result.indices;
    stage.indicesSource = "sample";
    stage.pixel = PixelStage::params(*dataset_, params_, cacheDir_);
    stage.out = folder;

    // The session first: it trains or loads the CAM network and the MAE once (or waits for
    // the pixel view's build of the same key), and the stage below then finds them in their
    // caches. A build runs here, within this job, so its notes are this job's; the shared
    // session outlives the job and keeps no callback into it.
    s->session = SharedPixelSessions::instance().obtain(
        s->sessionKey,
        [&](dq::Progress& building) {
            dq::JobContext context(building, cancel, noteSink());
            return std::make_shared<dq::PixelSession>(dataset_->bundle.train, stage.pixel, context);
        },
        progress, cancel);
    s->fromCache = PixelStage::readResult(folder, s->result);
    if (!s->fromCache) {
        std::error_code ec;
        fs::create_directories(folder.parent_path(), ec);
        dq::JobContext context(progress, cancel, noteSink());
        s->result = dq::runPixel(stage, context).pixel;
    }
    cancel.throwIfCancelled();
    s->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    result = std::move(s);
}

} // namespace dqui
