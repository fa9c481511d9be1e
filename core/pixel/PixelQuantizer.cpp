#include "pixel/PixelQuantizer.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/FieldError.h"
#include "common/Progress.h"
#include "common/Threads.h"
#include "datasets/Dataset.h"
#include "features/FeatureExtractor.h"
#include "pixel/internal/Heatmap.h"
#include "pixel/ImageCodec.h"
#include "pixel/internal/ImageQuality.h"
#include "pixel/internal/NativeImage.h"
#include "pixel/internal/PatchScorer.h"
#include "pixel/internal/PixelReport.h"
#include "pixel/internal/PixelStep.h"
#include "pixel/internal/QuantizedWriter.h"
#include "pixel/internal/Reconstructor.h"
#include "pixel/internal/ReconstructionFolder.h"
#include "common/JobContext.h"
#include "common/internal/NoteTexts.h"

#include <algorithm>
#include <chrono>

namespace fs = std::filesystem;

namespace dq {
namespace {

double secondsSince(std::chrono::steady_clock::time_point t)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

} // namespace

std::vector<std::int64_t> checkedSortedIndices(const std::vector<std::int64_t>& indices, std::int64_t size,
                                               const std::string& source)
{
    std::vector<char> seen(static_cast<std::size_t>(std::max<std::int64_t>(size, 0)), 0);
    for (std::size_t k = 0; k < indices.size(); ++k) {
        const std::int64_t i = indices[k];
        if (i < 0 || i >= size)
            throw Error(source, "entry " + std::to_string(k) + " is index " + std::to_string(i) +
                                    ", outside the dataset's " + std::to_string(size) + " samples");
        if (seen[static_cast<std::size_t>(i)])
            throw Error(source, "entry " + std::to_string(k) + " repeats index " + std::to_string(i));
        seen[static_cast<std::size_t>(i)] = 1;
    }
    if (indices.empty())
        throw Error(source, "holds no indices");
    std::vector<std::int64_t> sorted = indices;
    std::sort(sorted.begin(), sorted.end());
    return sorted;
}

PixelResult runPixelQuantization(const Dataset& data, const std::vector<std::int64_t>& indices, const PixelParams& p,
                                 const fs::path& out, JobContext& context)
{
    Progress& progress = context.progress();
    const CancelToken& cancel = context.cancel();
    const std::size_t firstNote = context.notes().size();
    checkMaskRatio(p.maskRatio);
    if (p.batchSize < 1)
        throw FieldError("batch", "must be at least 1");
    if (p.maeEpochs < 0)
        throw FieldError("mae-epochs", "must be 0 (the default) or more");
    const CamMethod method = parseCamMethod(p.cam);
    const ReconstructionSpec spec = parseReconstructionSpec(p.recon);
    const ImageShape shape = storedShape(data, p.imageSize);
    const std::vector<std::int64_t> order = checkedSortedIndices(indices, data.size(), "indices");
    refuseForeignFolder(out, kReconstructionManifest); // before any training
    if (p.camTargetLabel && method != CamMethod::Random)
        for (const std::int64_t i : order)
            if (data.label(i) < 0)
                throw FieldError("cam-target", "'label' needs labelled samples; sample " + std::to_string(i) +
                                                   " has none (explain the predicted class instead)");
    configureThreads();
    const auto start = std::chrono::steady_clock::now();

    PixelResult r;
    r.out = out;
    r.images = static_cast<std::int64_t>(order.size());
    r.datasetSize = data.size();

    PatchScorer scorer(p.trainingData ? *p.trainingData : data, method, p.camTargetLabel, camModelParams(p), context);
    r.camModelFromCache = scorer.modelFromCache();

    const std::unique_ptr<Reconstructor> recon = makeReconstructor(spec, reconstructorContext(data, p, shape), context);
    r.grid = recon->grid();
    r.keptPatches = keptPatchCount(r.grid.count(), p.maskRatio);
    r.reconstruction = recon->describe();
    r.maeFromCache = recon->fromCache();
    r.device = recon->device();
    r.camModel = method == CamMethod::Random ? "none (random scores)" : p.camModel;

    ReconstructionFolderWriter folder(out, data.classNames(), data.size());
    const QuantizedHeader header =
        quantizedHeader(data, p, shape, r.grid, p.maskRatio, r.keptPatches, spec.text(), recon->checkpoint());
    QuantizedWriter quantized(folder.path() / "quantized", header);

    // Random scores have no heatmap to save.
    const bool saveCam = p.saveCam && method != CamMethod::Random;
    if (p.saveCam && !saveCam)
        context.note("pixel.no-heatmaps", "save-cam", "random patch scores have no heatmaps; cam/ is not written");
    QualityTotals quality;
    LosslessSizes lossless;
    const auto loopStart = std::chrono::steady_clock::now();
    progress.setStage("pixel quantization", r.images);
    for (std::size_t first = 0; first < order.size(); first += static_cast<std::size_t>(p.batchSize)) {
        cancel.throwIfCancelled();
        const std::size_t end = std::min(order.size(), first + static_cast<std::size_t>(p.batchSize));
        const std::vector<std::int64_t> batch(order.begin() + first, order.begin() + end);
        // Each image is decoded once, for its CAM and for its stored copy.
        std::vector<Image> decoded;
        for (const std::int64_t i : batch)
            decoded.push_back(data.image(i));
        const PatchScores scores = scorer.score(data, batch, decoded, shape.height, shape.width, r.grid, saveCam);
        std::vector<Image> originals;
        std::vector<PartialImage> partials;
        for (std::size_t k = 0; k < batch.size(); ++k) {
            Image native = storedImage(data, batch[k], decoded[k], shape);
            PartialImage part = partialImage(native, r.grid, scores.scores.data() + k * r.grid.count(), r.keptPatches);
            quantized.add(batch[k], data.label(batch[k]), part.keptIds, native);
            lossless.add(native);
            originals.push_back(std::move(native));
            partials.push_back(std::move(part));
        }
        cancel.throwIfCancelled();
        const std::vector<Image> restored = recon->reconstruct(partials);
        for (std::size_t k = 0; k < batch.size(); ++k) {
            const int label = data.label(batch[k]);
            const std::string path = folder.add(batch[k], label, restored[k]);
            quality.add(originals[k], restored[k]);
            if (saveCam) {
                const std::size_t area = static_cast<std::size_t>(shape.height) * shape.width;
                const std::vector<float> map(scores.camMaps.begin() + k * area, scores.camMaps.begin() + (k + 1) * area);
                // images/<class>/<index>.png -> cam/<class>/<index>.png
                folder.addFile("cam" + path.substr(path.find('/')), encodePng(heatmapOverlay(originals[k], map)));
            }
        }
        progress.update(static_cast<std::int64_t>(end));
    }
    progress.finishStage();
    r.seconds = secondsSince(loopStart);
    r.imagesPerSecond = r.seconds > 0 ? r.images / r.seconds : 0;

    cancel.throwIfCancelled();
    const QuantizedSummary summary = quantized.commit();
    r.originalBytes = static_cast<std::uint64_t>(summary.originalBytes);
    r.datasetBytes = static_cast<std::uint64_t>(r.datasetSize) * static_cast<std::uint64_t>(shape.height) *
                     static_cast<std::uint64_t>(shape.width) * static_cast<std::uint64_t>(shape.channels);
    r.pngBytes = static_cast<std::uint64_t>(lossless.png);
    r.webpLosslessBytes = static_cast<std::uint64_t>(lossless.webpLossless);
    r.bestLosslessBytes = static_cast<std::uint64_t>(lossless.bestBytes());
    r.bestLosslessCodec = lossless.bestCodec();
    r.storedBytes = static_cast<std::uint64_t>(summary.storedBytes);
    r.pixelKeepRatio = summary.keepRatio;
    r.sampleRatio = static_cast<double>(r.images) / static_cast<double>(r.datasetSize);
    r.patchKeepRatio = static_cast<double>(r.keptPatches) / r.grid.count();
    r.finalKeepRatio = r.sampleRatio * r.patchKeepRatio;
    r.meanPsnr = quality.meanPsnr();
    r.meanSsim = quality.meanSsim();
    r.notes = noteTextsSince(context, firstNote);
    folder.addFile("pixel.json", pixelReportJson(p, r, quality, secondsSince(start)));
    cancel.throwIfCancelled();
    folder.commit();
    return r;
}

} // namespace dq
