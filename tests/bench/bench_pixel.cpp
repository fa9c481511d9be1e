// Benchmarks of pixel quantization (issue: pixel quantization). One JSON line per
// measurement, as benchmarking.md asks.
//   bench_pixel [--work DIR] [--pairs N] [--only SUBSTRING]
// - pixel-batching: GradCAM++ (ConvNet-3, 1 epoch) + compact-MAE reconstruction of 640
//   Fashion-MNIST training images on the CPU, batch 64 against one image at a time (the
//   reference's loop) in the same run; images per second of the CAM + reconstruction loop.
// - vit-large-224: the reference's ViT-L/16 MAE architecture (random weights: the official
//   checkpoint cannot be downloaded here; speed does not depend on the weights) on 64
//   images at 224 x 224, batch 8: images per second and the process's peak memory.
// - quality: PSNR and SSIM of compact MAE, Telea and Navier-Stokes inpainting at mask
//   ratios 0.1-0.5 on 1,000 Fashion-MNIST test images (GradCAM++ patches).
// Models come from the default cache (~/.cache/dq-studio): the main job's ConvNet and
// compact MAE; on a fresh machine the first run trains them.
#include "BenchRunner.h"

#include "common/Progress.h"
#include "common/ThreadWaitPolicy.h"
#include "datasets/DatasetSpec.h"
#include "io/Npy.h"
#include "pixel/internal/MaeCheckpoint.h"
#include "pixel/internal/MaeConfig.h"
#include "pixel/internal/MaeModel.h"
#include "pixel/PixelQuantizer.h"
#include "common/JobContext.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace dqbench;

namespace {

using Options = BenchOptions;

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double peakRssMb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;
}

dq::PixelParams baseParams(const dq::DatasetBundle& b)
{
    dq::PixelParams p;
    p.device = "cpu";
    p.datasetSpec = b.spec;
    p.datasetName = b.name;
    return p;
}

dq::PixelResult pixel(const dq::Dataset& data, const std::vector<std::int64_t>& idx, const dq::PixelParams& p,
                      const fs::path& out)
{
    const dq::CancelToken cancel;
    dq::JobContext context(dq::Progress::none(), cancel);
    return dq::runPixelQuantization(data, idx, p, out, context);
}

void batching(const Options& o, const std::string& fmnist)
{
    const dq::DatasetBundle b = dq::openDataset(fmnist);
    std::vector<std::int64_t> idx;
    for (std::int64_t i = 0; i < 640; ++i)
        idx.push_back(i * 90);
    dq::PixelParams p = baseParams(b);
    std::vector<double> batched, single, ratios;
    pixel(*b.train, idx, p, o.work / "pixel-warm"); // trains or restores the models
    for (int k = 0; k < o.pairs; ++k) {
        p.batchSize = 64;
        const double a = pixel(*b.train, idx, p, o.work / "pixel-b64").imagesPerSecond;
        p.batchSize = 1;
        const double s = pixel(*b.train, idx, p, o.work / "pixel-b1").imagesPerSecond;
        batched.push_back(a);
        single.push_back(s);
        ratios.push_back(a / s);
    }
    std::printf("{\"bench\": \"pixel-batching\", \"input\": \"640 Fashion-MNIST images, gradcam++ convnet + "
                "mae-compact, mask 0.2\", \"images_per_s\": %.1f, \"baseline\": \"batch 1\", "
                "\"baseline_images_per_s\": %.1f, \"ratio\": %.2f, \"ratio_min\": %.2f, \"ratio_max\": %.2f, "
                "\"pairs\": %d, \"git\": \"%s\", \"date\": \"%s\"}\n",
                median(batched), median(single), median(ratios), *std::min_element(ratios.begin(), ratios.end()),
                *std::max_element(ratios.begin(), ratios.end()), o.pairs, gitRevision().c_str(), today().c_str());
    std::fflush(stdout);
}

void vitLarge(const Options& o, const std::string& fmnist)
{
    const fs::path ckpt = o.work / "mae_vit_large_random.pth";
    if (!fs::exists(ckpt)) {
        std::fprintf(stderr, "writing %s (random ViT-L/16 MAE weights)\n", ckpt.c_str());
        dq::saveMae(dq::MaeModel(dq::maeConfig("large"), 0), ckpt);
    }
    const dq::DatasetBundle b = dq::openDataset(fmnist);
    std::vector<std::int64_t> idx;
    for (std::int64_t i = 0; i < 64; ++i)
        idx.push_back(i * 900);
    dq::PixelParams p = baseParams(b);
    p.recon = "mae:" + ckpt.string();
    p.imageSize = 224;
    p.batchSize = 8;
    p.cam = "random";
    std::vector<double> rates;
    for (int k = 0; k < std::max(1, o.pairs / 2); ++k)
        rates.push_back(pixel(*b.train, idx, p, o.work / "pixel-vitl").imagesPerSecond);
    std::printf("{\"bench\": \"vit-large-224\", \"input\": \"64 Fashion-MNIST images at 224 x 224, random scores, "
                "ViT-L/16 MAE, batch 8, mask 0.2\", \"images_per_s\": %.2f, \"peak_rss_mb\": %.0f, \"runs\": %zu, "
                "\"git\": \"%s\", \"date\": \"%s\"}\n",
                median(rates), peakRssMb(), rates.size(), gitRevision().c_str(), today().c_str());
    std::fflush(stdout);
}

void quality(const Options& o, const std::string& fmnist)
{
    const dq::DatasetBundle b = dq::openDataset(fmnist);
    std::vector<std::int64_t> idx;
    for (std::int64_t i = 0; i < 1000; ++i)
        idx.push_back(i * 10);
    dq::PixelParams p = baseParams(b);
    p.trainingData = b.train.get();
    // The CAM model and the compact MAE are the training split's; the images are the test split's.
    for (const char* recon : {"mae-compact", "inpaint:telea", "inpaint:ns"})
        for (double m : {0.1, 0.2, 0.3, 0.4, 0.5}) {
            p.recon = recon;
            p.maskRatio = m;
            const dq::PixelResult r = pixel(*b.test, idx, p, o.work / "pixel-quality");
            std::printf("{\"bench\": \"quality\", \"input\": \"1000 Fashion-MNIST test images, gradcam++\", "
                        "\"recon\": \"%s\", \"mask_ratio\": %.1f, \"psnr_db\": %.2f, \"ssim\": %.4f, "
                        "\"git\": \"%s\", \"date\": \"%s\"}\n",
                        recon, m, r.meanPsnr, r.meanSsim, gitRevision().c_str(), today().c_str());
            std::fflush(stdout);
        }
}

} // namespace

int main(int argc, char** argv)
{
    dq::useShortThreadSpin(argv); // as dq pixel does
    Options o;
    o.work = "/tmp/dq-bench";
    o.pairs = 3;
    if (!parseBenchOptions(argc, argv, "bench_pixel", o))
        return 2;
    fs::create_directories(o.work);
    const std::string fmnist = "fashion-mnist";
    if (o.wanted("pixel-batching"))
        batching(o, fmnist);
    if (o.wanted("vit-large"))
        vitLarge(o, fmnist);
    if (o.wanted("quality"))
        quality(o, fmnist);
    return 0;
}
