// Benchmarks of `dq select` (issue 17): whole-process wall time and peak memory of every
// geometry method at 12.5% on 60,000 x 2,048 float32 features in 10 classes, k-center
// and herding against a numpy implementation of DeepCore's algorithms (bench_select_python.py)
// run alternately in the same invocation; the others against dq select --method random
// (loading the features and writing the result, no selection work).
// With $DQ_BENCH_PREVIOUS_DQ (an earlier dq binary), also every method against that
// binary on the same input, alternately (select-M-vs-previous): a ratio that holds under
// whatever load the machine has.
//   bench_select [--work DIR] [--pairs N] [--only SUBSTRING]
// Input: $DQ_BENCH_FEATURES (a features folder), else the dq features cache entry of
// Fashion-MNIST's training set with 60,000 x 2,048 features, else synthetic seeded ReLU
// features of that shape written once into DIR (the "input" field says which).
#include "BenchRunner.h"
#include "SyntheticFeatures.h"

#include "features/FeatureExtractor.h"
#include "features/FeaturesFolder.h"
#include "io/Npy.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using namespace dqbench;

namespace {

struct Input {
    fs::path folder, embedding, labels;
    std::string description;
};

std::string dqPath()
{
    const char* copy = std::getenv("DQ_BENCH_DQ");
    return copy && *copy ? copy : DQ_CLI_PATH;
}

Input findInput(const BenchOptions& o)
{
    Input in;
    if (const char* f = std::getenv("DQ_BENCH_FEATURES"); f && *f) {
        in.folder = f;
        in.description = "features folder " + in.folder.string();
    } else {
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(dq::defaultCacheDir() / "features", ec)) {
            try {
                const dq::FeaturesFolder ff = dq::readFeaturesFolder(entry.path());
                if (ff.rows == 60000 && ff.dim == 2048 && ff.datasetName == "FashionMNIST" && !ff.labels.empty()) {
                    in.folder = entry.path();
                    in.description = "Fashion-MNIST train, dq features cache " + entry.path().filename().string() +
                                     " (60000x2048 float32, 10 classes)";
                    break;
                }
            } catch (const std::exception&) { }
        }
    }
    if (in.folder.empty()) {
        in.folder = o.work / "synthetic-features-60000x2048";
        if (!fs::exists(in.folder / dq::kFeaturesManifest)) {
            std::fprintf(stderr, "generating %s\n", in.folder.c_str());
            fs::create_directories(in.folder);
            const dq::NpyArray x = clusteredReluFeatures(60000, 2048, 10, 17);
            dq::writeNpy(in.folder / "embedding.npy", x);
            dq::writeNpy(in.folder / "labels.npy", dq::NpyArray::fromVector(roundRobinLabels(60000, 10)));
            const nlohmann::json d{{"format", "dq-features"}, {"format_version", 1}, {"mode", "embedding"},
                                   {"rows", 60000},           {"classes", 10},       {"dim", 2048}};
            dq::writeFeaturesManifest(in.folder,
                                      {{"embedding.npy", dq::DType::Float32, {60000, 2048}},
                                       {"labels.npy", dq::DType::Int64, {60000}}},
                                      d.dump());
        }
        in.description = "synthetic ReLU features 60000x2048 (clusteredReluFeatures seed 17), 10 classes";
    }
    const dq::FeaturesFolder ff = dq::readFeaturesFolder(in.folder);
    in.embedding = ff.mode == dq::FeatureMode::Gradient ? ff.e : ff.features;
    in.labels = ff.labels;
    return in;
}

} // namespace

int main(int argc, char** argv)
{
    BenchOptions o;
    o.work = "/tmp/dq-bench";
    if (!parseBenchOptions(argc, argv, "bench_select", o))
        return 2;
    fs::create_directories(o.work);
    try {
        const Input in = findInput(o);
        const std::string out = (o.work / "select-out").string();
        auto select = [&](const std::string& args) {
            return dqPath() + " --threads 2 select --features " + in.folder.string() + " --ratio 0.125 --out " + out + " " +
                   args;
        };
        auto python = [&](const std::string& method) {
            return std::string("/usr/bin/python3 " DQ_SOURCE_DIR "/tests/bench/bench_select_python.py ") +
                   in.embedding.string() + " " + in.labels.string() + " " + method + " 0.125";
        };
        const std::string input = in.description + ", 12.5%";
        if (o.wanted("select-kcenter"))
            compareAndPrint("select-kcenter", input, select("--method kcenter"), python("kcenter"),
                            "numpy k-center greedy (DeepCore's algorithm)", o.pairs);
        if (o.wanted("select-herding-deepcore"))
            compareAndPrint("select-herding-deepcore", input, select("--method herding --herding-rule deepcore"),
                            python("herding"), "numpy herding, DeepCore's arg-max", o.pairs);
        if (const char* previous = std::getenv("DQ_BENCH_PREVIOUS_DQ"); previous && *previous) {
            const std::string before = std::string(previous) + " --threads 2 select --features " + in.folder.string() +
                                       " --ratio 0.125 --out " + (o.work / "select-out-previous").string() + " ";
            for (const std::string m : {"random", "kcenter", "herding", "herding --herding-rule deepcore", "moderate",
                                        "uncertainty", "el2n", "grand", "forgetting", "aum", "ccs", "submodular"}) {
                std::string name = "select-" + m.substr(0, m.find(' ')) +
                                   (m.find("deepcore") != std::string::npos ? "-deepcore" : "") + "-vs-previous";
                if (o.wanted(name))
                    compareAndPrint(name, input, select("--method " + m), before + "--method " + m,
                                    std::string("dq select of ") + previous, o.pairs);
            }
        }
        for (const char* m : {"herding", "moderate", "kcenter"}) {
            const std::string name = std::string("select-") + m + "-vs-load";
            if (o.wanted(name))
                compareAndPrint(name, input, select(std::string("--method ") + m), select("--method random"),
                                "dq select --method random (load and write only)", o.pairs);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_select: %s\n", e.what());
        return 1;
    }
    return 0;
}
