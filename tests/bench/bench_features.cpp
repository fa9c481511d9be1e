// Benchmarks of feature extraction and selection training (issue: feature extraction):
// images/s of dq's built-in ConvNet-3 and CIFAR-form ResNet-18 on the first N Fashion-MNIST
// training images on the CPU, each against the same network in Python with Debian's
// python3-torch (bench_features_python.py), run alternately in the same invocation.
//   bench_features [--pairs N] [--only SUBSTRING] [--work DIR]
// In-process figures: a steady clock around the measured loop only (dq: the extraction or
// training stage of extractFeatures, Python: its loop), after one warm-up pair.
// `--only imagefolder-stream` (not run by default: ~100 MB of files, minutes): peak memory
// of `dq features` on a generated 100,000-image ImageFolder (32 x 32 gray PGM files, 10
// classes, pixel values from a fixed formula), measured by /usr/bin/time -v.
#include "BenchRunner.h"

#include "common/Progress.h"
#include "common/Threads.h"
#include "datasets/DatasetSpec.h"
#include "features/FeatureExtractor.h"
#include "common/JobContext.h"

#include <algorithm>
#include <fstream>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace dqbench;

namespace {

using Options = BenchOptions;

struct Case {
    std::string name, model, task; // task: extract | train
    std::int64_t n;
};

double runDq(const dq::DatasetBundle& b, const Case& c, const Options& o)
{
    dq::FeatureParams p;
    p.model = c.model;
    p.limit = c.n;
    p.device = "cpu";
    p.epochs = c.task == "train" ? 1 : 0;
    p.mode = dq::FeatureMode::Gradient;
    p.cacheDir = o.work / "cache";
    p.reuseCache = false;
    p.datasetSpec = b.spec;
    p.datasetName = b.name;
    dq::CancelToken cancel;
    dq::JobContext context(dq::Progress::none(), cancel);
    const dq::FeatureResult r = dq::extractFeatures(*b.train, p, context);
    return c.task == "train" ? r.trainImagesPerSecond : r.extractImagesPerSecond;
}

double runPython(const Case& c, int threads)
{
    const std::string cmd = std::string("/usr/bin/python3 " DQ_SOURCE_DIR "/tests/bench/bench_features_python.py") +
                            " --model " + c.model + " --task " + c.task + " --n " + std::to_string(c.n) + " --threads " +
                            std::to_string(threads);
    return runBaselineFigure(cmd, "images_per_s");
}

// 100,000 gray 32 x 32 images in 10 class folders, written once.
fs::path imageFolder(const Options& o)
{
    const fs::path root = o.work / "folder100k";
    if (fs::exists(root / "done"))
        return root;
    std::fprintf(stderr, "generating %s\n", root.c_str());
    for (int i = 0; i < 100000; ++i) {
        const fs::path dir = root / ("class" + std::to_string(i % 10));
        if (i < 10)
            fs::create_directories(dir);
        std::string img = "P5\n32 32\n255\n";
        for (int p = 0; p < 32 * 32; ++p)
            img += static_cast<char>((p * 7 + i * 13 + (p / 32) * (i % 10)) & 0xff);
        char name[32];
        std::snprintf(name, sizeof name, "%06d.pgm", i);
        std::ofstream(dir / name, std::ios::binary) << img;
    }
    std::ofstream(root / "done") << "ok\n";
    return root;
}

void imageFolderStream(const Options& o)
{
    const fs::path root = imageFolder(o);
    const std::string dq = DQ_CLI_PATH;
    const std::string cmd = dq + " features --dataset imagefolder:" + root.string() +
                            " --model convnet --device cpu --no-cache --cache-dir " + (o.work / "cache").string() +
                            " --out " + (o.work / "folder-features").string();
    const ProcessRun r = runMeasured(cmd);
    const ProcessRun listing = runMeasured(dq + " info --dataset imagefolder:" + root.string());
    std::printf("{\"bench\": \"features-imagefolder-stream\", \"input\": \"100000 gray 32x32 PGM files, 10 classes, "
                "convnet gradient features (b 100000x10, e 100000x2048)\", \"wall_s\": %.1f, \"peak_rss_mb\": %.0f, "
                "\"images_per_s\": %.1f, \"baseline\": \"dq info (listing only)\", \"baseline_wall_s\": %.1f, "
                "\"baseline_peak_rss_mb\": %.0f, \"pairs\": 1, \"git\": \"%s\", \"date\": \"%s\"}\n",
                r.wallSeconds, r.peakRssMb, 100000.0 / r.wallSeconds, listing.wallSeconds, listing.peakRssMb,
                gitRevision().c_str(), today().c_str());
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    Options o;
    o.work = "/tmp/dq-bench-features";
    if (!parseBenchOptions(argc, argv, "bench_features", o))
        return 2;
    try {
        const int threads = dq::configureThreads();
        fs::create_directories(o.work);
        const dq::DatasetBundle fmnist = dq::openDataset("fashion-mnist");
        const std::vector<Case> cases = {
            {"convnet-extract", "convnet", "extract", 4096},
            {"convnet-train", "convnet", "train", 1024},
            {"resnet18-extract", "resnet18", "extract", 1024},
            {"resnet18-train", "resnet18", "train", 256},
        };
        if (o.only == "imagefolder-stream") {
            imageFolderStream(o);
            return 0;
        }
        for (const Case& c : cases) {
            if (!o.wanted(c.name))
                continue;
            runDq(fmnist, c, o); // warm-up pair
            runPython(c, threads);
            std::vector<double> a, b, ratios;
            for (int k = 0; k < o.pairs; ++k) {
                a.push_back(runDq(fmnist, c, o));
                b.push_back(runPython(c, threads));
                ratios.push_back(a.back() / b.back());
            }
            std::printf("{\"bench\": \"features-%s\", \"input\": \"fashion-mnist train, first %lld images, 1x28x28, cpu, "
                        "%d threads\", \"images_per_s\": %.1f, \"images_per_s_min\": %.1f, \"images_per_s_max\": %.1f, "
                        "\"baseline\": \"python3-torch, same network\", \"baseline_images_per_s\": %.1f, "
                        "\"ratio\": %.3f, \"ratio_min\": %.3f, \"ratio_max\": %.3f, \"pairs\": %d, \"git\": \"%s\", "
                        "\"date\": \"%s\"}\n",
                        c.name.c_str(), static_cast<long long>(c.n), threads, median(a),
                        *std::min_element(a.begin(), a.end()), *std::max_element(a.begin(), a.end()), median(b),
                        median(ratios), *std::min_element(ratios.begin(), ratios.end()),
                        *std::max_element(ratios.begin(), ratios.end()), o.pairs, gitRevision().c_str(), today().c_str());
            std::fflush(stdout);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_features: %s\n", e.what());
        return 1;
    }
    return 0;
}
