#include "pixel/PixelSession.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "features/FeatureExtractor.h"
#include "pixel/internal/Heatmap.h"
#include "pixel/internal/ImageQuality.h"
#include "pixel/internal/NativeImage.h"
#include "pixel/internal/PatchScorer.h"
#include "pixel/internal/PixelStep.h"
#include "pixel/internal/Reconstructor.h"
#include "common/JobContext.h"

#include <chrono>
#include <map>
#include <mutex>

namespace dq {

struct PixelSession::Impl {
    std::shared_ptr<const Dataset> data;
    PixelParams params;
    ImageShape shape;
    std::unique_ptr<PatchScorer> scorer;
    std::unique_ptr<Reconstructor> recon;
    std::map<std::int64_t, PatchScores> scores; // per sample index
    std::mutex mutex;
};

PixelSession::PixelSession(std::shared_ptr<const Dataset> data, const PixelParams& params, Progress& progress,
                           const CancelToken& cancel)
        : impl_(std::make_unique<Impl>())
{
    JobContext context(progress, cancel);
    build(std::move(data), params, context);
}

PixelSession::PixelSession(std::shared_ptr<const Dataset> data, const PixelParams& params, JobContext& context)
        : impl_(std::make_unique<Impl>())
{
    build(std::move(data), params, context);
}

void PixelSession::build(std::shared_ptr<const Dataset> data, const PixelParams& params, JobContext& context)
{
    Impl& m = *impl_;
    m.data = std::move(data);
    m.params = params;
    m.shape = storedShape(*m.data, params.imageSize);
    m.scorer = std::make_unique<PatchScorer>(params.trainingData ? *params.trainingData : *m.data,
                                             parseCamMethod(params.cam), params.camTargetLabel,
                                             camModelParams(params), context);
    m.recon =
        makeReconstructor(parseReconstructionSpec(params.recon), reconstructorContext(*m.data, params, m.shape), context);
}

PixelSession::~PixelSession() = default;

const PixelParams& PixelSession::params() const { return impl_->params; }
PatchGrid PixelSession::grid() const { return impl_->recon->grid(); }
std::string PixelSession::reconstruction() const { return impl_->recon->describe(); }

PixelPreview PixelSession::preview(std::int64_t index, double maskRatio)
{
    checkMaskRatio(maskRatio);
    Impl& m = *impl_;
    if (index < 0 || index >= m.data->size())
        throw Error("sample", "index " + std::to_string(index) + " is outside the dataset's " +
                                  std::to_string(m.data->size()) + " samples");
    const std::lock_guard<std::mutex> lock(m.mutex);
    const auto start = std::chrono::steady_clock::now();
    const PatchGrid grid = m.recon->grid();
    const Image decoded = m.data->image(index);
    auto it = m.scores.find(index);
    if (it == m.scores.end())
        it = m.scores.emplace(index, m.scorer->score(*m.data, {index}, {decoded}, m.shape.height, m.shape.width, grid, true))
                 .first;
    const PatchScores& s = it->second;

    PixelPreview p;
    p.index = index;
    p.label = m.data->label(index);
    p.predicted = s.predicted.empty() ? -1 : s.predicted[0];
    p.maskRatio = maskRatio;
    p.grid = grid;
    p.original = storedImage(*m.data, index, decoded, m.shape);
    if (m.scorer->method() != CamMethod::Random) {
        p.camMap = s.camMaps;
        p.heatmap = heatmapOverlay(p.original, p.camMap);
    } else {
        p.heatmap = p.original;
    }
    const PartialImage part = partialImage(p.original, grid, s.scores.data(), keptPatchCount(grid.count(), maskRatio));
    p.keptIds = part.keptIds;
    p.kept = part.pixels;
    for (std::size_t px = 0; px < part.keptMask.size(); ++px)
        if (!part.keptMask[px])
            std::fill_n(p.kept.pixels.begin() + px * p.kept.channels, p.kept.channels, kDroppedPatchGray);
    p.reconstruction = m.recon->reconstruct({part}).at(0);
    p.psnr = psnr(p.original, p.reconstruction);
    p.ssim = ssimOrNan(p.original, p.reconstruction);
    p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return p;
}

} // namespace dq
