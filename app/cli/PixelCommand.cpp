// dq pixel: GradCAM patch selection and reconstruction of the selected samples.
#include "Command.h"
#include "OptionGroups.h"
#include "ReconstructionOptions.h"
#include "TextFormat.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/Progress.h"
#include "io/Npy.h"
#include "pixel/CodecComparison.h"
#include "pixel/PixelQuantizer.h"
#include "common/JobContext.h"
#include "stages/torch/PixelStage.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <ostream>

namespace dqcli {
namespace {

struct PixelOptions {
    DatasetOptions dataset;
    ReconstructionOptions recon;
    std::string indices, out;
    dq::PixelParams params;
    std::string camTarget = "predicted";
    bool compareCodecs = false;
    std::string compareMaskRatios;
};

// An index file as the reference writes them: a 1-D array of integers.
std::vector<std::int64_t> readIndexFile(const std::string& file)
{
    const dq::NpyArray a = dq::readNpy(file);
    if (a.dtype == dq::DType::Float32 || a.dtype == dq::DType::Float64)
        throw dq::Error(file, "holds floating-point values; an index file holds integers");
    if (a.shape.size() != 1)
        throw dq::Error(file, "has shape " + dq::shapeText(a.shape) + "; an index file is 1-D");
    return a.toVector<std::int64_t>();
}

// One row per point: DQ at each mask ratio, then the codecs at its bytes.
void printComparison(std::ostream& out, const dq::CodecComparison& c)
{
    out << formatted("codecs at DQ's bytes (%lld images; DQ reconstructed by %s):\n", static_cast<long long>(c.images),
                     c.reconstruction.c_str());
    out << formatted("%-10s  %-6s  %11s  %-8s  %8s  %7s\n", "mask ratio", "method", "bytes/image", "quality", "PSNR dB",
                     "SSIM");
    for (const dq::RatePoint& p : c.points) {
        std::string quality = "-";
        if (p.method != "dq")
            quality = p.imagesAtHigh > 0 ? std::to_string(p.qualityLow) + "-" + std::to_string(p.qualityHigh)
                                         : std::to_string(p.qualityLow);
        if (!p.withinTolerance)
            quality += "*";
        out << formatted("%-10.2f  %-6s  %11.1f  %-8s  %8s  %7s\n", p.maskRatio, p.method.c_str(), p.bytesPerImage,
                         quality.c_str(), qualityNumber(p.psnr, "%.2f").c_str(), qualityNumber(p.ssim, "%.4f").c_str());
    }
    out << formatted("quality a-b: the set mixes the two; *: the codec cannot reach DQ's bytes within %.0f%%\n",
                     100 * c.tolerance);
}

class PixelCommand : public Command {
public:
    const char* name() const override { return "pixel"; }

    void declare(CLI::App& cmd) override
    {
        PixelOptions& o = o_;
        dq::PixelParams& p = o.params;
        o.dataset.declare(cmd, DatasetOptions::kSplit);
        cmd.add_option("--indices", o.indices, "The selected samples (.npy of integers, e.g. from 'dq sample')")->required();
        cmd.add_option("--mask-ratio,-m", p.maskRatio, "Fraction of patches dropped, in [0, 1)")->capture_default_str();
        cmd.add_option("--cam", p.cam, "gradcam | gradcam++ | random")->capture_default_str();
        cmd.add_option("--cam-target", o.camTarget, "predicted (the reference) | label")->capture_default_str();
        cmd.add_option("--cam-model", p.camModel, "convnet | resnet18 | resnet18-imagenet | torchscript:FILE")
            ->capture_default_str();
        cmd.add_option("--cam-weights", p.camWeights, "PyTorch state_dict (.pth) for a built-in CAM model");
        cmd.add_option("--cam-epochs", p.camEpochs, "Training epochs of the CAM model (shared with 'dq bins')")
            ->capture_default_str();
        cmd.add_option("--recon", p.recon, "mae:FILE | mae-compact | mae-compact:FILE | inpaint[:telea|ns]")
            ->capture_default_str();
        cmd.add_option("--mae-epochs", p.maeEpochs, "Training epochs of the compact MAE when not cached (0: default)")
            ->capture_default_str();
        cmd.add_option("--train-limit", p.trainLimit,
                       "Train the CAM model and the compact MAE on the first N samples "
                       "(0: all; as 'dq bins --limit')")
            ->capture_default_str();
        cmd.add_option("--image-size", p.imageSize, "Store every image at S x S (needed for mixed sizes)")
            ->capture_default_str();
        cmd.add_option("--seed", p.seed, "Seed of the models and of the random scores")->capture_default_str();
        cmd.add_flag("--save-cam", p.saveCam, "Also write heatmap overlays under DIR/cam/");
        cmd.add_flag("--compare-codecs", o.compareCodecs,
                     "Also compare DQ at several mask ratios with JPEG and WebP at equal bytes: DIR/codecs.json and "
                     "codecs.csv");
        cmd.add_option("--compare-mask-ratios", o.compareMaskRatios,
                       "Mask ratios of --compare-codecs, e.g. 0.2,0.5 (default 0.1,0.2,...,0.9)");
        o.recon.declare(cmd, p);
        cmd.add_option("--out,-o", o.out, "Output folder")->required();
        cmd.add_flag("--json", "Print pixel.json (the record of the run) instead of the summary");
    }

    void run(RunContext& ctx) override
    {
        const PixelOptions& o = o_;
        dq::PixelStageParams s;
        s.pixel = o.params;
        o.recon.fill(s.pixel);
        if (!o.compareMaskRatios.empty()) {
            if (!o.compareCodecs)
                throw dq::UsageError("--compare-mask-ratios", "needs --compare-codecs");
            s.codecs.maskRatios = dq::parseMaskRatioList(o.compareMaskRatios, "compare-mask-ratios");
        }
        s.compareCodecs = o.compareCodecs;
        s.pixel.camTargetLabel = dq::parseCamTarget(o.camTarget);
        s.datasetSpec = o.dataset.spec;
        s.split = o.dataset.split;
        s.indices = readIndexFile(o.indices);
        s.indicesSource = o.indices;
        s.out = o.out;
        dq::JobContext context(ctx.progress, ctx.cancel, ctx.noteSink());
        const dq::PixelStageResult stage = dq::runPixel(s, context);
        const dq::PixelResult& r = stage.pixel;
        const std::optional<dq::CodecComparison>& codecs = stage.codecs;
        if (ctx.json) {
            // One schema: pixel.json itself (the comparison is codecs.json beside it).
            ctx.out << dq::readFileBytes(r.out / "pixel.json") << std::flush;
            return;
        }
        ctx.out << (r.out / "pixel.json").string() << "\n";
        ctx.out << formatted("%lld images, %d of %d patches kept: final keep ratio %.4f x %.4f = %.4f\n",
                             static_cast<long long>(r.images), r.keptPatches, r.grid.count(), r.sampleRatio,
                             r.patchKeepRatio, r.finalKeepRatio);
        const auto ull = [](std::uint64_t v) { return static_cast<unsigned long long>(v); };
        ctx.out << formatted("sampling: %llu of the dataset's %llu raw bytes kept (%.4f)\n", ull(r.originalBytes),
                             ull(r.datasetBytes), r.datasetBytes ? double(r.originalBytes) / double(r.datasetBytes) : 0.0);
        ctx.out << formatted("kept images: %llu bytes raw, %llu as PNG, %llu as lossless WebP; DQ stores %llu "
                             "(%.4f of the best lossless, %s)\n",
                             ull(r.originalBytes), ull(r.pngBytes), ull(r.webpLosslessBytes), ull(r.storedBytes),
                             r.bestLosslessBytes ? double(r.storedBytes) / double(r.bestLosslessBytes) : 0.0,
                             r.bestLosslessCodec.c_str());
        ctx.out << formatted("PSNR %s dB, SSIM %s (%s)\n", qualityNumber(r.meanPsnr, "%.2f").c_str(),
                             qualityNumber(r.meanSsim, "%.4f").c_str(), r.reconstruction.c_str());
        if (codecs) {
            ctx.out << (r.out / dq::kCodecComparisonJson).string() << "\n";
            printComparison(ctx.out, *codecs);
        }
    }

private:
    PixelOptions o_;
};

} // namespace

std::unique_ptr<Command> makePixelCommand() { return std::make_unique<PixelCommand>(); }

} // namespace dqcli
