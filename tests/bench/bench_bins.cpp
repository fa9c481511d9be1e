// Benchmarks of `dq bins` (issue: DQ engine). Whole-process wall time and peak memory by
// /usr/bin/time -v, each against a baseline run alternately in the same invocation.
//   bench_bins [--work DIR] [--pairs N] [--only SUBSTRING]
// Inputs are generated once into DIR (default /tmp/dq-bench) with fixed seeds.
#include "BenchRunner.h"
#include "SyntheticFeatures.h"

#include "common/Progress.h"
#include "datasets/DatasetSpec.h"
#include "features/PixelFeatures.h"
#include "io/Npy.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>

namespace fs = std::filesystem;
using namespace dqbench;

namespace {

using Options = BenchOptions;

// DQ_BENCH_DQ runs a copy of dq, so that rebuilding during a long run changes nothing.
std::string dqPath()
{
    const char* copy = std::getenv("DQ_BENCH_DQ");
    return copy && *copy ? copy : DQ_CLI_PATH;
}

// Writes a file once; later runs reuse it.
void ensure(const fs::path& path, const std::function<void()>& make)
{
    if (!fs::exists(path)) {
        std::fprintf(stderr, "generating %s\n", path.c_str());
        make();
    }
}

void fashionMnistPixels(const Options& o)
{
    const fs::path f = o.work / "fmnist_train_pixels.npy", l = o.work / "fmnist_train_labels.npy";
    ensure(f, [&] {
        const dq::DatasetBundle b = dq::openDataset("fashion-mnist");
        dq::writeNpy(f, dq::pixelFeatures(*b.train, dq::Progress::none(), dq::CancelToken()));
        const auto labels = b.train->labels();
        dq::writeNpy(l, dq::NpyArray::fromVector(std::vector<std::int64_t>(labels.begin(), labels.end())));
    });
}

std::string binsCommand(const fs::path& features, const std::string& labelsOrFlags, const fs::path& out,
                        const std::string& extra = "")
{
    return dqPath() + " bins --features " + features.string() + " " + labelsOrFlags + " --bins 10 --out " + out.string() +
           " " + extra;
}

} // namespace

int main(int argc, char** argv)
{
    Options o;
    o.work = "/tmp/dq-bench";
    if (!parseBenchOptions(argc, argv, "bench_bins", o))
        return 2;
    fs::create_directories(o.work);
    const fs::path out = o.work / "out";
    try {
        // Fashion-MNIST training set, raw pixels, 10 classes balanced, GraphCut. Baseline:
        // the same engine with the naive greedy, the algorithm the reference runs.
        if (o.wanted("fmnist-graphcut")) {
            fashionMnistPixels(o);
            const std::string labels = "--labels " + (o.work / "fmnist_train_labels.npy").string();
            const fs::path f = o.work / "fmnist_train_pixels.npy";
            compareAndPrint("fmnist-graphcut-lazy", "fashion-mnist train pixels 60000x784, 10 bins",
                            binsCommand(f, labels, out), binsCommand(f, labels, out, "--greedy naive"),
                            "dq bins --greedy naive", o.pairs);
        }
        // FacilityLocation and LogDeterminant at 6,000 per class; baseline GraphCut.
        for (const char* fn : {"facility-location", "log-det"}) {
            const std::string name = std::string("fmnist-") + fn;
            if (!o.wanted(name))
                continue;
            fashionMnistPixels(o);
            const std::string labels = "--labels " + (o.work / "fmnist_train_labels.npy").string();
            const fs::path f = o.work / "fmnist_train_pixels.npy";
            compareAndPrint(name + "-lazy", "fashion-mnist train pixels 60000x784, 10 bins",
                            binsCommand(f, labels, out, std::string("--function ") + fn), binsCommand(f, labels, out),
                            "dq bins --function graphcut", std::max(1, o.pairs / 5));
        }
        // Instruction-data size: 52,002 x 1,536 unit vectors, cosine to the mean ~0.85,
        // unbalanced, dot kernel. Baseline: loading and describing the same file.
        if (o.wanted("text-dot")) {
            const fs::path f = o.work / "text_52002x1536.npy";
            ensure(f, [&] { dq::writeNpy(f, unitVectorsAroundDirection(52002, 1536, 0.85, 7)); });
            compareAndPrint("text-dot-unbalanced", "52002x1536 unit vectors around a direction (cos 0.85), 10 bins",
                            binsCommand(f, "--no-balance --kernel dot", out), dqPath() + " info --dataset npy:" + f.string(),
                            "dq info (load only)", o.pairs);
        }
        // Time against n: 10k, 100k, 1M samples of 512-d ReLU features in 100 classes.
        for (const std::int64_t n : {10000LL, 100000LL, 1000000LL}) {
            const std::string name = "scaling-" + std::to_string(n);
            if (!o.wanted(name))
                continue;
            const fs::path f = o.work / ("relu_" + std::to_string(n) + "x512.npy");
            const fs::path l = o.work / ("relu_" + std::to_string(n) + "_labels.npy");
            ensure(f, [&] {
                dq::writeNpy(f, clusteredReluFeatures(n, 512, 100, 11));
                dq::writeNpy(l, dq::NpyArray::fromVector(roundRobinLabels(n, 100)));
            });
            compareAndPrint(name, std::to_string(n) + "x512 ReLU features, 100 classes, 10 bins",
                            binsCommand(f, "--labels " + l.string(), out),
                            dqPath() + " info --dataset npy:" + f.string() + "," + l.string(), "dq info (load only)",
                            std::max(1, o.pairs / 2));
        }
        // ImageNet size: 1,281,167 x 512 float32 (2.6 GB), 1,000 classes.
        if (o.wanted("imagenet")) {
            const fs::path f = o.work / "imagenet_1281167x512.npy", l = o.work / "imagenet_labels.npy";
            ensure(f, [&] {
                dq::writeNpy(f, clusteredReluFeatures(1281167, 512, 1000, 13));
                dq::writeNpy(l, dq::NpyArray::fromVector(roundRobinLabels(1281167, 1000)));
            });
            compareAndPrint("imagenet-size", "1281167x512 ReLU features (2.6 GB), 1000 classes, 10 bins",
                            binsCommand(f, "--labels " + l.string(), out),
                            dqPath() + " info --dataset npy:" + f.string() + "," + l.string(), "dq info (load only)",
                            std::max(1, o.pairs / 2));
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_bins: %s\n", e.what());
        return 1;
    }
    return 0;
}
