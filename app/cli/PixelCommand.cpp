// dq pixel: GradCAM patch selection and reconstruction of the selected samples.
// dq restore: the images rebuilt from a quantized/ folder alone.
#include "Command.h"
#include "CommandCatalog.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/Progress.h"
#include "datasets/DatasetSpec.h"
#include "io/Npy.h"
#include "pixel/CodecComparison.h"
#include "pixel/PixelQuantizer.h"
#include "stages/JobContext.h"
#include "stages/torch/PixelStage.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

namespace dqcli {
namespace {

struct PixelOptions {
    std::string dataset, split = "train", indices, out, cacheDir;
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

void addCommonReconOptions(CLI::App* cmd, dq::PixelParams& p)
{
    cmd->add_option("--patch-size", p.patchSize, "Inpainting's patch side in pixels (0: 4 up to 64 px, else 16)")
        ->capture_default_str();
    cmd->add_option("--device", p.device, "auto | cpu | cuda | cuda:N")->capture_default_str();
    cmd->add_option("--batch", p.batchSize, "Images per batch")->capture_default_str();
    cmd->add_option("--cache-dir", p.cacheDir, "Cache folder (default $XDG_CACHE_HOME/dq-studio or ~/.cache/dq-studio)");
}

std::string number(double v, const char* format)
{
    if (!std::isfinite(v))
        return v > 0 ? "inf" : "n/a";
    char buf[64];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

// One row per point: DQ at each mask ratio, then the codecs at its bytes.
void printComparison(const dq::CodecComparison& c)
{
    std::printf("codecs at DQ's bytes (%lld images; DQ reconstructed by %s):\n", static_cast<long long>(c.images),
                c.reconstruction.c_str());
    std::printf("%-10s  %-6s  %11s  %-8s  %8s  %7s\n", "mask ratio", "method", "bytes/image", "quality", "PSNR dB", "SSIM");
    for (const dq::RatePoint& p : c.points) {
        std::string quality = "-";
        if (p.method != "dq")
            quality = p.imagesAtHigh > 0 ? std::to_string(p.qualityLow) + "-" + std::to_string(p.qualityHigh)
                                         : std::to_string(p.qualityLow);
        if (!p.withinTolerance)
            quality += "*";
        std::printf("%-10.2f  %-6s  %11.1f  %-8s  %8s  %7s\n", p.maskRatio, p.method.c_str(), p.bytesPerImage,
                    quality.c_str(), number(p.psnr, "%.2f").c_str(), number(p.ssim, "%.4f").c_str());
    }
    std::printf("quality a-b: the set mixes the two; *: the codec cannot reach DQ's bytes within %.0f%%\n",
                100 * c.tolerance);
}

// The stage's notes on stderr, the code first (as dq bins prints them).
void printNote(const dq::Note& n) { std::cerr << "dq: note: [" << n.code << "] " << n.text << std::endl; }

} // namespace

CommandRunner registerPixelCommand(CLI::App& parent)
{
    auto o = std::make_shared<PixelOptions>();
    dq::PixelParams& p = o->params;
    CLI::App* cmd = parent.add_subcommand("pixel", commandDescription("pixel"));
    cmd->add_option("--dataset", o->dataset, "A dataset spec")->required();
    cmd->add_option("--split", o->split, "train or test")->capture_default_str();
    cmd->add_option("--indices", o->indices, "The selected samples (.npy of integers, e.g. from 'dq sample')")->required();
    cmd->add_option("--mask-ratio,-m", p.maskRatio, "Fraction of patches dropped, in [0, 1)")->capture_default_str();
    cmd->add_option("--cam", p.cam, "gradcam | gradcam++ | random")->capture_default_str();
    cmd->add_option("--cam-target", o->camTarget, "predicted (the reference) | label")->capture_default_str();
    cmd->add_option("--cam-model", p.camModel, "convnet | resnet18 | resnet18-imagenet | torchscript:FILE")
        ->capture_default_str();
    cmd->add_option("--cam-weights", p.camWeights, "PyTorch state_dict (.pth) for a built-in CAM model");
    cmd->add_option("--cam-epochs", p.camEpochs, "Training epochs of the CAM model (shared with 'dq bins')")
        ->capture_default_str();
    cmd->add_option("--recon", p.recon, "mae:FILE | mae-compact | mae-compact:FILE | inpaint[:telea|ns]")
        ->capture_default_str();
    cmd->add_option("--mae-epochs", p.maeEpochs, "Training epochs of the compact MAE when not cached (0: default)")
        ->capture_default_str();
    cmd->add_option("--train-limit", p.trainLimit,
                    "Train the CAM model and the compact MAE on the first N samples "
                    "(0: all; as 'dq bins --limit')")
        ->capture_default_str();
    cmd->add_option("--image-size", p.imageSize, "Store every image at S x S (needed for mixed sizes)")
        ->capture_default_str();
    cmd->add_option("--seed", p.seed, "Seed of the models and of the random scores")->capture_default_str();
    cmd->add_flag("--save-cam", p.saveCam, "Also write heatmap overlays under DIR/cam/");
    cmd->add_flag("--compare-codecs", o->compareCodecs,
                  "Also compare DQ at several mask ratios with JPEG and WebP at equal bytes: DIR/codecs.json and "
                  "codecs.csv");
    cmd->add_option("--compare-mask-ratios", o->compareMaskRatios,
                    "Mask ratios of --compare-codecs, e.g. 0.2,0.5 (default 0.1,0.2,...,0.9)");
    addCommonReconOptions(cmd, p);
    cmd->add_option("--out,-o", o->out, "Output folder")->required();
    cmd->add_flag("--json", "Print pixel.json (the record of the run) instead of the summary");
    return [o](RunContext& ctx) {
        dq::PixelStageParams s;
        s.pixel = o->params;
        if (!o->compareMaskRatios.empty()) {
            if (!o->compareCodecs)
                throw dq::UsageError("--compare-mask-ratios", "needs --compare-codecs");
            s.codecs.maskRatios = dq::parseMaskRatioList(o->compareMaskRatios, "compare-mask-ratios");
        }
        s.compareCodecs = o->compareCodecs;
        s.pixel.camTargetLabel = dq::parseCamTarget(o->camTarget);
        s.datasetSpec = o->dataset;
        s.split = o->split;
        s.indices = readIndexFile(o->indices);
        s.indicesSource = o->indices;
        s.out = o->out;
        dq::JobContext context(ctx.progress, ctx.cancel, printNote);
        const dq::PixelStageResult stage = dq::runPixel(s, context);
        const dq::PixelResult& r = stage.pixel;
        const std::optional<dq::CodecComparison>& codecs = stage.codecs;
        if (ctx.json) {
            // One schema: pixel.json itself (the comparison is codecs.json beside it).
            std::cout << dq::readFileBytes(r.out / "pixel.json") << std::flush;
            return;
        }
        std::cout << (r.out / "pixel.json").string() << "\n";
        std::printf("%lld images, %d of %d patches kept: final keep ratio %.4f x %.4f = %.4f\n",
                    static_cast<long long>(r.images), r.keptPatches, r.grid.count(), r.sampleRatio, r.patchKeepRatio,
                    r.finalKeepRatio);
        const auto ull = [](std::uint64_t v) { return static_cast<unsigned long long>(v); };
        std::printf("sampling: %llu of the dataset's %llu raw bytes kept (%.4f)\n", ull(r.originalBytes),
                    ull(r.datasetBytes), r.datasetBytes ? double(r.originalBytes) / double(r.datasetBytes) : 0.0);
        std::printf("kept images: %llu bytes raw, %llu as PNG, %llu as lossless WebP; DQ stores %llu "
                    "(%.4f of the best lossless, %s)\n",
                    ull(r.originalBytes), ull(r.pngBytes), ull(r.webpLosslessBytes), ull(r.storedBytes),
                    r.bestLosslessBytes ? double(r.storedBytes) / double(r.bestLosslessBytes) : 0.0,
                    r.bestLosslessCodec.c_str());
        std::printf("PSNR %s dB, SSIM %s (%s)\n", number(r.meanPsnr, "%.2f").c_str(), number(r.meanSsim, "%.4f").c_str(),
                    r.reconstruction.c_str());
        if (codecs) {
            std::cout << (r.out / dq::kCodecComparisonJson).string() << "\n";
            printComparison(*codecs);
        }
    };
}

CommandRunner registerRestoreCommand(CLI::App& parent)
{
    auto o = std::make_shared<PixelOptions>();
    dq::PixelParams& p = o->params;
    p.recon.clear(); // the one the quantized folder records
    CLI::App* cmd = parent.add_subcommand("restore", commandDescription("restore"));
    cmd->add_option("--quantized", o->indices, "A quantized/ folder written by 'dq pixel'")->required();
    cmd->add_option("--recon", p.recon,
                    "mae:FILE | mae-compact[:FILE] | inpaint[:telea|ns] (default: the one "
                    "'dq pixel' used)");
    addCommonReconOptions(cmd, p);
    cmd->add_option("--out,-o", o->out, "Output folder")->required();
    cmd->add_flag("--json", "Print the result as JSON");
    return [o](RunContext& ctx) {
        dq::JobContext context(ctx.progress, ctx.cancel, printNote);
        const dq::RestoreResult r = dq::restoreQuantized(o->indices, o->params, o->out, context);
        if (ctx.json) {
            std::cout << nlohmann::json{{"out", r.out.string()},
                                        {"images", r.images},
                                        {"reconstruction", r.reconstruction},
                                        {"seconds", r.seconds}}
                             .dump(2)
                      << std::endl;
            return;
        }
        std::cout << (r.out / "manifest.csv").string() << "\n";
        std::fprintf(stderr, "dq: restored %lld images with %s in %.1f s\n", static_cast<long long>(r.images),
                     r.reconstruction.c_str(), r.seconds);
    };
}

} // namespace dqcli
