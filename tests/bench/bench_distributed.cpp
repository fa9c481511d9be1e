// dq across processes on one machine (issue: scale-out on c10d): the same command with 1
// rank and with 2 ranks (RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT set by hand, as
// torchrun would; --threads 1 each), run alternately. Wall time is the whole launch (the
// slowest rank); peak memory is the largest rank's (/usr/bin/time -v of the shell that
// waits for them all).
//   bench_distributed [--pairs N] [--only features|bins-imagenet|bins-pool|evaluate-one-run]
//                     [--work DIR]
// features: dq features --model convnet (inference) of the first 20,000 Fashion-MNIST
// training images. bins-imagenet: the class-balanced form on 1,281,167 x 512 ReLU
// features, 1,000 classes, 10 bins. bins-pool: the single-pool form (--no-balance) on
// 100,000 x 512 of the same kind, 10 bins. Each with --no-cache: one process would
// otherwise read the bins the last run left in the cache. evaluate-one-run: `dq evaluate` of
// one run (the first 5,000 Fashion-MNIST training images, ConvNet-3, 2 epochs, one seed),
// which 2 ranks train data-parallel.
#include "BenchRunner.h"
#include "SyntheticFeatures.h"

#include "io/Npy.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace dqbench;

namespace {

std::string dqPath()
{
    const char* copy = std::getenv("DQ_BENCH_DQ");
    return copy && *copy ? copy : DQ_CLI_PATH;
}

void ensure(const fs::path& path, const std::function<void()>& make)
{
    if (!fs::exists(path)) {
        std::fprintf(stderr, "generating %s\n", path.c_str());
        make();
    }
}

// `ranks` processes of `dq args` on 127.0.0.1, in one shell that waits for all of them.
// Each rank runs in its own session (setsid), as separate jobs would: with the kernel's
// autogroup scheduling a session's processes share one session's CPU, so on a machine busy
// with other sessions 2 ranks in one session could not get more CPU than 1.
std::string launch(int ranks, const std::string& args, int port)
{
    if (ranks == 1)
        return "setsid " + dqPath() + " --threads 1 " + args;
    std::string s = "sh -c '";
    for (int r = 0; r < ranks; ++r)
        s += "RANK=" + std::to_string(r) + " LOCAL_RANK=" + std::to_string(r) + " WORLD_SIZE=" + std::to_string(ranks) +
             " MASTER_ADDR=127.0.0.1 MASTER_PORT=" + std::to_string(port) + " setsid " + dqPath() + " --threads 1 " + args +
             " > /dev/null & ";
    return s + "wait'";
}

} // namespace

int main(int argc, char** argv)
{
    BenchOptions o;
    o.work = fs::temp_directory_path() / "dq-bench-distributed";
    o.pairs = 2;
    if (!parseBenchOptions(argc, argv, "bench_distributed", o))
        return 2;
    try {
        fs::create_directories(o.work);
        // Each bench its own output folder (dq refuses to replace another command's).
        if (o.wanted("features")) {
            const std::string args = "features --dataset fashion-mnist --limit 20000 --model convnet --mode gradient "
                                     "--no-cache --cache-dir " +
                                     (o.work / "cache").string() + " --out " + (o.work / "features-out").string();
            compareAndPrint("features-2-ranks",
                            "dq features --model convnet, 20,000 Fashion-MNIST images, 1 thread per rank",
                            launch(2, args, 29731), launch(1, args, 0), "1 rank", o.pairs);
        }
        if (o.wanted("bins-imagenet")) {
            const fs::path f = o.work / "imagenet_1281167x512.npy", l = o.work / "imagenet_labels.npy";
            ensure(f, [&] {
                dq::writeNpy(f, clusteredReluFeatures(1281167, 512, 1000, 13));
                dq::writeNpy(l, dq::NpyArray::fromVector(roundRobinLabels(1281167, 1000)));
            });
            const std::string args = "bins --features " + f.string() + " --labels " + l.string() +
                                     " --bins 10 --no-cache --cache-dir " + (o.work / "cache").string() + " --out " +
                                     (o.work / "imagenet-bins").string();
            compareAndPrint("bins-imagenet-2-ranks", "1281167x512 ReLU features (2.6 GB), 1000 classes, 10 bins",
                            launch(2, args, 29732), launch(1, args, 0), "1 rank", o.pairs);
        }
        if (o.wanted("bins-pool")) {
            const fs::path f = o.work / "pool_100000x512.npy";
            ensure(f, [&] { dq::writeNpy(f, clusteredReluFeatures(100000, 512, 100, 17)); });
            const std::string args = "bins --features " + f.string() + " --no-balance --bins 10 --no-cache --cache-dir " +
                                     (o.work / "cache").string() + " --out " + (o.work / "pool-bins").string();
            compareAndPrint("bins-pool-2-ranks", "100000x512 ReLU features, one pool (--no-balance), 10 bins",
                            launch(2, args, 29733), launch(1, args, 0), "1 rank", o.pairs);
        }
        if (o.wanted("evaluate-one-run")) {
            const fs::path subset = o.work / "first5000.npy";
            ensure(subset, [&] {
                std::vector<std::int64_t> first(5000);
                for (std::size_t i = 0; i < first.size(); ++i)
                    first[i] = static_cast<std::int64_t>(i);
                dq::writeNpy(subset, dq::NpyArray::fromVector(first));
            });
            const std::string args = "evaluate --dataset fashion-mnist --subset first=" + subset.string() +
                                     " --epochs 2 --seeds 0 --device cpu --no-cache --cache-dir " +
                                     (o.work / "cache").string() + " --out " + (o.work / "evaluate-out").string();
            compareAndPrint("evaluate-one-run-2-ranks",
                            "dq evaluate, one run: 5,000 Fashion-MNIST images, ConvNet-3, 2 epochs, 1 thread per rank",
                            launch(2, args, 29734), launch(1, args, 0), "1 rank", o.pairs);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_distributed: %s\n", e.what());
        return 1;
    }
    return 0;
}
