#include "pixel/CodecComparison.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "common/NumberText.h"
#include "common/Progress.h"
#include "common/Threads.h"
#include "pixel/internal/CodecBudget.h"
#include "pixel/internal/ImageQuality.h"
#include "pixel/internal/NativeImage.h"
#include "pixel/internal/PatchScorer.h"
#include "pixel/PixelQuantizer.h"
#include "pixel/internal/PixelStep.h"
#include "pixel/internal/QuantizedWriter.h"
#include "pixel/internal/Reconstructor.h"
#include "common/JobContext.h"
#include "common/internal/NoteTexts.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <memory>

namespace fs = std::filesystem;

namespace dq {
namespace {

// A private temporary folder, removed with everything in it on destruction.
class ScratchFolder {
public:
    ScratchFolder()
    {
        std::string pattern = (fs::temp_directory_path() / "dq-codecs-XXXXXX").string();
        if (!mkdtemp(pattern.data()))
            throw Error(pattern, "cannot create a temporary folder");
        path_ = pattern;
    }
    ~ScratchFolder()
    {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

// DQ at one mask ratio: the quantized/ folder it writes and its reconstruction's quality.
struct DqRun {
    double maskRatio = 0;
    int keep = 0;
    std::unique_ptr<QuantizedWriter> writer;
    QualityTotals quality;
};

RatePoint dqPoint(DqRun& run, std::int64_t images)
{
    const QuantizedSummary s = run.writer->commit();
    RatePoint p;
    p.method = "dq";
    p.maskRatio = run.maskRatio;
    p.keptPatches = run.keep;
    p.bytes = s.storedBytes;
    p.payloadBytes = s.payloadBytes;
    p.bytesPerImage = static_cast<double>(p.bytes) / static_cast<double>(images);
    p.psnr = run.quality.meanPsnr();
    p.ssim = run.quality.meanSsim();
    p.identical = run.quality.identical;
    return p;
}

RatePoint codecPoint(const CodecFit& fit, const QualityTotals& q, double maskRatio, std::int64_t images)
{
    RatePoint p;
    p.method = imageCodecName(fit.codec);
    p.maskRatio = maskRatio;
    p.qualityLow = fit.qualityLow;
    p.qualityHigh = fit.qualityHigh;
    p.imagesAtHigh = fit.imagesAtHigh;
    p.targetBytes = fit.targetBytes;
    p.bytes = fit.bytes;
    p.payloadBytes = fit.bytes;
    p.bytesPerImage = static_cast<double>(fit.bytes) / static_cast<double>(images);
    p.withinTolerance = fit.withinTolerance;
    p.psnr = q.meanPsnr();
    p.ssim = q.meanSsim();
    p.identical = q.identical;
    return p;
}

std::string percentText(double fraction) { return pythonFloatText(std::round(fraction * 1000.0) / 10.0) + "%"; }

} // namespace

std::vector<RatePoint> CodecComparison::curve(const std::string& method) const
{
    std::vector<RatePoint> out;
    for (const RatePoint& p : points)
        if (p.method == method)
            out.push_back(p);
    return out;
}

CodecComparison compareCodecs(const Dataset& data, const std::vector<std::int64_t>& indices, const PixelParams& p,
                              const CodecComparisonParams& params, JobContext& context)
{
    Progress& progress = context.progress();
    const CancelToken& cancel = context.cancel();
    const std::size_t firstNote = context.notes().size();
    const auto start = std::chrono::steady_clock::now();
    std::vector<double> ratios = params.maskRatios.empty() ? defaultComparisonMaskRatios() : params.maskRatios;
    for (const double r : ratios)
        if (!(r > 0.0 && r < 1.0))
            throw FieldError("compare-mask-ratios", "every mask ratio must lie in (0, 1), got " + pythonFloatText(r));
    if (params.codecs.empty())
        throw FieldError("compare-codecs", "no codec to compare with");
    if (!(params.tolerance > 0.0 && params.tolerance < 1.0))
        throw FieldError("compare-codecs", "the byte tolerance must lie in (0, 1)");
    if (p.batchSize < 1)
        throw FieldError("batch", "must be at least 1");
    const CamMethod method = parseCamMethod(p.cam);
    const ReconstructionSpec spec = parseReconstructionSpec(p.recon);
    const ImageShape shape = storedShape(data, p.imageSize);
    const std::vector<std::int64_t> order = checkedSortedIndices(indices, data.size(), "indices");
    configureThreads();

    CodecComparison c;
    c.datasetSpec = p.datasetSpec;
    c.datasetName = p.datasetName;
    c.images = static_cast<std::int64_t>(order.size());
    c.shape = shape;
    c.tolerance = params.tolerance;
    c.maskRatios = ratios;
    c.cam = method == CamMethod::Random ? "random" : p.cam + " on " + p.camModel;
    PatchScorer scorer(p.trainingData ? *p.trainingData : data, method, p.camTargetLabel, camModelParams(p), context);
    const std::unique_ptr<Reconstructor> recon = makeReconstructor(spec, reconstructorContext(data, p, shape), context);
    c.grid = recon->grid();
    c.reconstruction = recon->describe();

    ScratchFolder scratch;
    std::vector<DqRun> runs(ratios.size());
    for (std::size_t r = 0; r < ratios.size(); ++r) {
        runs[r].maskRatio = ratios[r];
        runs[r].keep = keptPatchCount(c.grid.count(), ratios[r]);
        if (runs[r].keep < 1)
            throw FieldError("compare-mask-ratios", "mask ratio " + pythonFloatText(ratios[r]) + " keeps no patch of " +
                                                        std::to_string(c.grid.count()));
        QuantizedHeader header =
            quantizedHeader(data, p, shape, c.grid, ratios[r], runs[r].keep, spec.text(), recon->checkpoint());
        runs[r].writer = std::make_unique<QuantizedWriter>(scratch.path() / std::to_string(r), header);
    }

    // DQ: the CAM once per image, then every mask ratio's kept patches and reconstruction.
    std::vector<Image> originals;
    originals.reserve(order.size());
    progress.setStage("codec comparison: DQ at " + std::to_string(ratios.size()) + " mask ratios",
                      c.images * static_cast<std::int64_t>(ratios.size()));
    std::int64_t done = 0;
    for (std::size_t first = 0; first < order.size(); first += static_cast<std::size_t>(p.batchSize)) {
        cancel.throwIfCancelled();
        const std::size_t end = std::min(order.size(), first + static_cast<std::size_t>(p.batchSize));
        const std::vector<std::int64_t> batch(order.begin() + first, order.begin() + end);
        std::vector<Image> decoded;
        for (const std::int64_t i : batch)
            decoded.push_back(data.image(i));
        const PatchScores scores = scorer.score(data, batch, decoded, shape.height, shape.width, c.grid, false);
        const std::size_t firstOriginal = originals.size();
        for (std::size_t k = 0; k < batch.size(); ++k)
            originals.push_back(storedImage(data, batch[k], decoded[k], shape));
        for (DqRun& run : runs) {
            cancel.throwIfCancelled();
            std::vector<PartialImage> partials;
            for (std::size_t k = 0; k < batch.size(); ++k) {
                const Image& native = originals[firstOriginal + k];
                partials.push_back(partialImage(native, c.grid, scores.scores.data() + k * c.grid.count(), run.keep));
                run.writer->add(batch[k], data.label(batch[k]), partials.back().keptIds, native);
            }
            const std::vector<Image> restored = recon->reconstruct(partials);
            for (std::size_t k = 0; k < batch.size(); ++k)
                run.quality.add(originals[firstOriginal + k], restored[k]);
            done += static_cast<std::int64_t>(batch.size());
            progress.update(done);
        }
    }
    progress.finishStage();
    std::vector<RatePoint> dqPoints;
    for (DqRun& run : runs)
        dqPoints.push_back(dqPoint(run, c.images));

    // The codecs at each DQ point's bytes.
    progress.setStage("codec comparison: JPEG and WebP at DQ's bytes",
                      static_cast<std::int64_t>(ratios.size() * params.codecs.size()));
    std::int64_t fitted = 0;
    for (const RatePoint& dq : dqPoints) {
        c.points.push_back(dq);
        for (const ImageCodec codec : params.codecs) {
            const CodecFit fit = fitCodecBudget(originals, codec, dq.bytes, params.tolerance, cancel, "compare-codecs");
            c.points.push_back(codecPoint(fit, fitQuality(fit, originals, cancel), dq.maskRatio, c.images));
            if (!fit.withinTolerance)
                context.note("pixel.codec-out-of-reach", imageCodecName(codec),
                             std::string(imageCodecName(codec)) + " cannot store the images in DQ's " +
                                 std::to_string(dq.bytes) + " bytes at mask ratio " + pythonFloatText(dq.maskRatio) +
                                 " within " + percentText(params.tolerance) + ": at quality " +
                                 std::to_string(fit.qualityLow) + " they take " + std::to_string(fit.bytes) + " bytes (" +
                                 percentText(fit.relativeError()) + ")");
            progress.update(++fitted);
        }
    }
    progress.finishStage();
    c.notes = noteTextsSince(context, firstNote);
    c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return c;
}

} // namespace dq
