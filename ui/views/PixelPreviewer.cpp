#include "views/PixelPreviewer.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "pipeline/JobRunner.h"
#include "pipeline/SharedPixelSessions.h"
#include "pixel/PixelSession.h"
#include "views/HeatmapLegend.h"
#include "views/ThumbnailCache.h"

#include <algorithm>
#include <cmath>

namespace dqui {
namespace {

// The CAM in its colour scale's own colours, with the image's outlines in white over it:
// a blend with a dark image would darken the colours away from the legend.
QImage trueColourHeatmap(const dq::PixelPreview& p)
{
    const dq::Image& im = p.original;
    const int h = im.height, w = im.width;
    if (h < 3 || w < 3 || p.camMap.size() != static_cast<std::size_t>(h) * w)
        return ThumbnailCache::toQImage(p.heatmap);
    std::vector<float> grey(static_cast<std::size_t>(h) * w);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            float sum = 0;
            for (int c = 0; c < im.channels; ++c)
                sum += im.at(y, x, c);
            grey[static_cast<std::size_t>(y) * w + x] = sum / im.channels;
        }
    const auto g = [&](int y, int x) {
        return grey[static_cast<std::size_t>(std::clamp(y, 0, h - 1)) * w + std::clamp(x, 0, w - 1)];
    };
    std::vector<float> edge(grey.size());
    float top = 0;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) { // Sobel
            const float gx =
                g(y - 1, x + 1) + 2 * g(y, x + 1) + g(y + 1, x + 1) - g(y - 1, x - 1) - 2 * g(y, x - 1) - g(y + 1, x - 1);
            const float gy =
                g(y + 1, x - 1) + 2 * g(y + 1, x) + g(y + 1, x + 1) - g(y - 1, x - 1) - 2 * g(y - 1, x) - g(y - 1, x + 1);
            edge[static_cast<std::size_t>(y) * w + x] = std::hypot(gx, gy);
            top = std::max(top, edge[static_cast<std::size_t>(y) * w + x]);
        }
    QImage out(w, h, QImage::Format_RGB32);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const std::size_t i = static_cast<std::size_t>(y) * w + x;
            QColor c = HeatmapLegend::jet(p.camMap[i]);
            if (top > 0 && edge[i] > 0.35f * top) // an outline: towards white, the hue kept
                c = QColor::fromRgbF(0.4f * c.redF() + 0.6f, 0.4f * c.greenF() + 0.6f, 0.4f * c.blueF() + 0.6f);
            out.setPixel(x, y, c.rgb());
        }
    return out;
}

class SessionJob : public Job {
public:
    SessionJob(std::shared_ptr<const dq::Dataset> data, const dq::PixelParams& params, QString key)
            : data_(std::move(data)), params_(params), key(std::move(key))
    { }
    void run(dq::Progress& progress, const dq::CancelToken& cancel) override
    {
        session = SharedPixelSessions::instance().obtain(
            key,
            [&](dq::Progress& building) { return std::make_shared<dq::PixelSession>(data_, params_, building, cancel); },
            progress, cancel);
    }
    std::shared_ptr<dq::PixelSession> session;

private:
    std::shared_ptr<const dq::Dataset> data_;
    dq::PixelParams params_;

public:
    const QString key;
};

class PreviewJob : public Job {
public:
    PreviewJob(std::shared_ptr<dq::PixelSession> session, qint64 index, double maskRatio)
            : session(std::move(session)), index_(index), maskRatio_(maskRatio)
    { }
    void run(dq::Progress&, const dq::CancelToken&) override
    {
        auto p = std::make_shared<dq::PixelPreview>(session->preview(index_, maskRatio_));
        auto out = std::make_shared<PixelPreviewImages>();
        out->original = ThumbnailCache::toQImage(p->original);
        out->heatmap = p->camMap.empty() ? ThumbnailCache::toQImage(p->heatmap) : trueColourHeatmap(*p);
        out->kept = ThumbnailCache::toQImage(p->kept);
        out->reconstruction = ThumbnailCache::toQImage(p->reconstruction);
        out->preview = std::move(p);
        result = std::move(out);
    }
    const std::shared_ptr<dq::PixelSession> session;
    std::shared_ptr<const PixelPreviewImages> result;

private:
    qint64 index_;
    double maskRatio_;
};

} // namespace

PixelPreviewer::PixelPreviewer(QObject* parent) : QObject(parent), runner_(new JobRunner(this))
{
    connect(runner_, &JobRunner::progress, this, [this](const JobProgress& p) {
        if (building_)
            emit buildProgress(p);
    });
    connect(runner_, &JobRunner::finished, this, &PixelPreviewer::onFinished);
    connect(runner_, &JobRunner::failed, this, &PixelPreviewer::onFailed);
    connect(runner_, &JobRunner::cancelled, this, &PixelPreviewer::onCancelled);
}

PixelPreviewer::~PixelPreviewer() { runner_->cancel(); }

void PixelPreviewer::adopt(std::shared_ptr<dq::PixelSession> session, const QString& key)
{
    if (session == session_)
        return;
    cancelBuild(); // a build's result is dropped when it ends
    session_ = std::move(session);
    key_ = key;
    emit sessionReady();
    startNext();
}

void PixelPreviewer::build(std::shared_ptr<const dq::Dataset> data, const dq::PixelParams& params, const QString& key)
{
    if (key == key_ && (building_ || session_))
        return;
    cancelBuild();
    session_.reset();
    key_ = key;
    setBuilding(true);
    // A preview still computing on an old session ends first; the build starts then.
    if (!runner_->isBusy())
        runner_->start(std::make_shared<SessionJob>(std::move(data), params, key));
    else
        pendingBuild_ = std::make_shared<SessionJob>(std::move(data), params, key);
}

void PixelPreviewer::cancelBuild()
{
    pendingBuild_.reset();
    if (building_)
        runner_->cancel();
    setBuilding(false);
}

void PixelPreviewer::setBuilding(bool building)
{
    if (building == building_)
        return;
    building_ = building;
    emit buildingChanged(building);
}

void PixelPreviewer::reset()
{
    cancelBuild();
    session_.reset();
    key_.clear();
    latest_.reset();
}

void PixelPreviewer::request(qint64 index, double maskRatio)
{
    hasPending_ = true;
    pendingIndex_ = index;
    pendingMask_ = maskRatio;
    startNext();
}

void PixelPreviewer::startNext()
{
    if (runner_->isBusy())
        return; // onFinished comes back here
    if (pendingBuild_) {
        runner_->start(std::move(pendingBuild_));
        pendingBuild_.reset();
        return;
    }
    if (!session_ || !hasPending_)
        return;
    hasPending_ = false;
    computing_ = true;
    runner_->start(std::make_shared<PreviewJob>(session_, pendingIndex_, pendingMask_));
}

void PixelPreviewer::onFinished()
{
    const std::shared_ptr<Job> job = runner_->lastJob();
    if (auto* s = dynamic_cast<SessionJob*>(job.get())) {
        if (building_ && s->key == key_) {
            session_ = s->session;
            setBuilding(false);
            emit sessionReady();
        }
    } else if (auto* p = dynamic_cast<PreviewJob*>(job.get())) {
        computing_ = false;
        ++computed_;
        if (p->session == session_) { // not from a session given up meanwhile
            latest_ = p->result;
            emit previewReady();
        }
    }
    startNext();
}

void PixelPreviewer::onFailed(const QString& message)
{
    const std::shared_ptr<Job> job = runner_->lastJob();
    if (auto* s = dynamic_cast<SessionJob*>(job.get())) {
        if (building_ && s->key == key_) {
            setBuilding(false);
            emit buildFailed(message);
        }
    } else {
        computing_ = false;
        emit previewFailed(message);
    }
    startNext();
}

void PixelPreviewer::onCancelled()
{
    computing_ = false;
    startNext();
}

} // namespace dqui
