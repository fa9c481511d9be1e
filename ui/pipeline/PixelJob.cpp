#include "pipeline/PixelJob.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "pipeline/PixelStage.h"
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
    p.onNote = [this](const std::string& text) { addNote(QString::fromStdString(text)); };

    s->fromCache = PixelStage::readResult(folder, s->result);
    if (!s->fromCache) {
        std::error_code ec;
        fs::create_directories(folder.parent_path(), ec);
        s->result = dq::runPixelQuantization(dataset_->train(), sample_->result.indices, p, folder, progress, cancel);
    }
    cancel.throwIfCancelled();
    // The models are in their caches now: loading them takes a moment.
    s->session = std::make_shared<dq::PixelSession>(dataset_->bundle.train, p, progress, cancel);
    cancel.throwIfCancelled();
    s->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    result = std::move(s);
}

} // namespace dqui
