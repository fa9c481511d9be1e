// Benchmark of dq evaluate's training (issue: evaluation): images/s (trained and tested, all
// epochs) of one evaluation run of ConvNet-3 and of the CIFAR-form ResNet-18 on Fashion-MNIST,
// against the same network and recipe in Python with Debian's python3-torch
// (bench_evaluation_python.py), run alternately in the same invocation.
//   bench_evaluate [--pairs N] [--only SUBSTRING] [--work DIR]
// Both read the same raw IDX folder written here (the first N training and M test images).
// dq's figure is the run's own clock (model creation, training, every epoch's test), Python's
// its loop; both with libgomp's short spin, as dq evaluate runs.
#include "BenchRunner.h"

#include "common/Progress.h"
#include "common/ThreadWaitPolicy.h"
#include "common/Threads.h"
#include "datasets/DatasetSpec.h"
#include "common/JobContext.h"
#include "stages/torch/EvaluationStage.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <stdexcept>

namespace fs = std::filesystem;
using namespace dqbench;

namespace {

struct Case {
    std::string name, model;
    int width, epochs;
    std::int64_t train, test;
};

std::string bigEndian32(std::uint32_t v)
{
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

void writeSplit(const dq::Dataset& d, std::int64_t n, const fs::path& dir, const std::string& prefix)
{
    std::string pixels, labels;
    for (std::int64_t i = 0; i < n; ++i) {
        const dq::Image im = d.image(i);
        pixels.append(reinterpret_cast<const char*>(im.pixels.data()), im.pixels.size());
        labels.push_back(static_cast<char>(d.label(i)));
    }
    std::ofstream(dir / (prefix + "-images-idx3-ubyte"), std::ios::binary)
        << bigEndian32(0x803) << bigEndian32(static_cast<std::uint32_t>(n)) << bigEndian32(28) << bigEndian32(28) << pixels;
    std::ofstream(dir / (prefix + "-labels-idx1-ubyte"), std::ios::binary)
        << bigEndian32(0x801) << bigEndian32(static_cast<std::uint32_t>(n)) << labels;
}

// The first c.train and c.test images as an idx: folder named so that the Fashion-MNIST
// normalisation applies.
fs::path dataFor(const Case& c, const BenchOptions& o)
{
    const fs::path dir = o.work / ("fashion-mnist-" + std::to_string(c.train) + "-" + std::to_string(c.test));
    if (fs::exists(dir / "t10k-labels-idx1-ubyte"))
        return dir;
    fs::create_directories(dir);
    const dq::DatasetBundle b = dq::openDataset("fashion-mnist");
    writeSplit(*b.train, c.train, dir, "train");
    writeSplit(*b.test, c.test, dir, "t10k");
    return dir;
}

double runDq(const Case& c, const fs::path& data, const BenchOptions& o)
{
    dq::EvaluationParams p;
    p.datasetSpec = "idx:" + data.string();
    p.subsets = {dq::SubsetSpec::full()};
    p.recipe.model = c.model;
    p.recipe.width = c.width;
    p.recipe.epochs = c.epochs;
    p.seeds = {0};
    p.device = "cpu";
    p.cacheDir = o.work / "cache";
    p.reuseCache = false;
    const dq::CancelToken cancel;
    dq::JobContext context(dq::Progress::none(), cancel);
    const dq::EvaluationResult r = dq::runEvaluation(p, context);
    return static_cast<double>(c.epochs * (c.train + c.test)) / r.subsets[0].runs[0].seconds;
}

double runPython(const Case& c, const fs::path& data, int threads)
{
    const std::string cmd = std::string("GOMP_SPINCOUNT=1000 /usr/bin/python3 " DQ_SOURCE_DIR
                                        "/tests/bench/bench_evaluation_python.py --data ") +
                            data.string() + " --model " + c.model + " --width " + std::to_string(c.width) + " --epochs " +
                            std::to_string(c.epochs) + " --threads " + std::to_string(threads);
    return runBaselineFigure(cmd, "images_per_s");
}

} // namespace

int main(int argc, char** argv)
{
    dq::useShortThreadSpin(argv); // as dq evaluate does
    BenchOptions o;
    o.work = "/tmp/dq-bench-evaluate";
    if (!parseBenchOptions(argc, argv, "bench_evaluate", o))
        return 2;
    try {
        const int threads = dq::configureThreads();
        const std::vector<Case> cases = {
            {"convnet", "convnet", 32, 1, 7500, 10000},
            {"resnet18", "resnet18", 0, 1, 512, 512},
        };
        for (const Case& c : cases) {
            if (!o.wanted(c.name))
                continue;
            const fs::path data = dataFor(c, o);
            runDq(c, data, o); // warm-up pair
            runPython(c, data, threads);
            std::vector<double> a, b, ratios;
            for (int k = 0; k < o.pairs; ++k) {
                a.push_back(runDq(c, data, o));
                b.push_back(runPython(c, data, threads));
                ratios.push_back(a.back() / b.back());
            }
            std::printf("{\"bench\": \"evaluate-%s\", \"input\": \"fashion-mnist, %lld train + %lld test images, %d "
                        "epoch(s), %s%s, batch 128, crop+flip, cpu, %d threads\", \"images_per_s\": %.1f, "
                        "\"images_per_s_min\": %.1f, \"images_per_s_max\": %.1f, \"baseline\": \"python3-torch, same "
                        "network and recipe\", \"baseline_images_per_s\": %.1f, \"ratio\": %.3f, \"ratio_min\": %.3f, "
                        "\"ratio_max\": %.3f, \"pairs\": %d, \"git\": \"%s\", \"date\": \"%s\"}\n",
                        c.name.c_str(), static_cast<long long>(c.train), static_cast<long long>(c.test), c.epochs,
                        c.model.c_str(), c.model == "convnet" ? (" width " + std::to_string(c.width)).c_str() : "", threads,
                        median(a), *std::min_element(a.begin(), a.end()), *std::max_element(a.begin(), a.end()), median(b),
                        median(ratios), *std::min_element(ratios.begin(), ratios.end()),
                        *std::max_element(ratios.begin(), ratios.end()), o.pairs, gitRevision().c_str(), today().c_str());
            std::fflush(stdout);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_evaluate: %s\n", e.what());
        return 1;
    }
    return 0;
}
