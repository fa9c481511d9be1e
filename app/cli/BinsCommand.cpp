// dq bins: dataset quantization's bin generation on precomputed features, raw pixels, or
// features computed (or reused from the cache) by a network in the same command.
#include "Command.h"
#include "CommandCatalog.h"

#include "bins/BinGenerator.h"
#include "bins/BinInputs.h"
#include "bins/BinsFolder.h"
#include "common/Error.h"
#include "common/Progress.h"
#include "datasets/DatasetSpec.h"
#include "distributed/RankGroup.h"
#include "features/DatasetPrefix.h"
#include "features/FeatureExtractor.h"
#include "features/FeaturesFolder.h"
#include "features/PixelFeatures.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>

namespace fs = std::filesystem;

namespace dqcli {
namespace {

struct BinsOptions {
    std::string features, labels, gradients, dataset, split = "train", model = "pixels";
    int bins = 10;
    std::string function = "graphcut", greedy = "lazy", kernel = "cosine";
    double lambda = 1.0, epsilon = 0.01, beta = 0.9;
    bool noBalance = false;
    std::uint64_t seed = 0;
    std::string name, out, memoryLimit = "4G";
    // Features of --dataset computed by a network (as dq features does).
    std::string weights, mode = "auto", device = "auto", cacheDir;
    int epochs = 0, batch = 256, imageSize = 0;
    std::int64_t limit = 0;
    bool noCache = false;
};

dq::BinInputs folderInputs(const dq::FeaturesFolder& f, const std::string& labels, dq::Kernel kernel)
{
    const std::filesystem::path l = labels.empty() ? f.labels : std::filesystem::path(labels);
    if (f.mode == dq::FeatureMode::Gradient)
        return dq::loadGradientInputs(f.b, f.e, l, kernel);
    return dq::loadDenseInputs(f.features, l, kernel);
}

dq::BinInputs networkInputs(const BinsOptions& o, const dq::DatasetBundle& bundle, const dq::Dataset& split,
                            dq::Kernel kernel, RunContext& ctx)
{
    if (dq::rankGroup().multiProcess())
        throw dq::UsageError("--model", "across ranks dq bins reads features: compute them first with dq features "
                                        "(across ranks too), then give the folder to --features");
    dq::FeatureParams p;
    p.model = o.model;
    p.weights = o.weights;
    p.epochs = o.epochs;
    p.mode = dq::parseFeatureMode(o.mode);
    p.device = o.device;
    p.batchSize = o.batch;
    p.imageSize = o.imageSize;
    p.seed = o.seed;
    p.limit = o.limit;
    p.cacheDir = o.cacheDir;
    p.reuseCache = !o.noCache;
    p.datasetSpec = o.dataset;
    p.datasetName = bundle.name;
    p.onNote = [](const std::string& text) { std::cerr << "dq: note: " << text << std::endl; };
    const dq::FeatureResult r = dq::extractFeatures(split, p, ctx.progress, ctx.cancel);
    std::cerr << "dq: features " << r.folder.string() << (r.fromCache ? " (from the cache)" : "") << "\n";
    dq::BinInputs in = folderInputs(dq::readFeaturesFolder(r.folder), "", kernel);
    in.info.features = r.folder.string();
    return in;
}

dq::BinInputs loadInputs(const BinsOptions& o, dq::Kernel kernel, RunContext& ctx, std::string& defaultName)
{
    const int sources = !o.features.empty() + !o.gradients.empty() + !o.dataset.empty();
    if (sources != 1)
        throw dq::UsageError("--features", "give exactly one of --features, --gradients or --dataset");
    if (!o.dataset.empty()) {
        if (!o.labels.empty())
            throw dq::UsageError("--labels", "not used with --dataset (the dataset's own labels are used)");
        const auto t0 = std::chrono::steady_clock::now();
        const dq::DatasetBundle bundle = dq::openDataset(o.dataset);
        const auto full = bundle.split(o.split);
        defaultName = bundle.name;
        if (o.model != "pixels")
            return networkInputs(o, bundle, *full, kernel, ctx);
        if (o.epochs > 0 || !o.weights.empty())
            throw dq::UsageError(o.epochs > 0 ? "--epochs" : "--weights", "has no meaning for --model pixels");
        if (o.mode != "auto" && o.mode != "pixels")
            throw dq::UsageError("--mode", o.mode + " features need a network; --model pixels gives pixels");
        const dq::DatasetPrefix split(*full, o.limit);
        dq::BinInputs in = dq::denseInputsFromArray(dq::pixelFeatures(split, ctx.progress, ctx.cancel),
                                                    split.labels(), o.dataset + " (" + o.split + ", pixels)", kernel);
        if (split.classCount() == 0)
            in.labels.clear();
        in.info.fingerprint = split.fingerprint();
        in.info.loadSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        return in;
    }
    if (!o.gradients.empty()) {
        const auto comma = o.gradients.find(',');
        if (comma == std::string::npos)
            throw dq::UsageError("--gradients", "expected B.npy,E.npy (gradient factor and embedding)");
        const fs::path b = o.gradients.substr(0, comma);
        defaultName = b.stem().string();
        return dq::loadGradientInputs(b, o.gradients.substr(comma + 1), o.labels, kernel);
    }
    if (fs::is_directory(o.features)) {
        const dq::FeaturesFolder f = dq::readFeaturesFolder(o.features);
        defaultName = f.datasetName.empty() ? fs::path(o.features).filename().string() : f.datasetName;
        return folderInputs(f, o.labels, kernel);
    }
    defaultName = fs::path(o.features).stem().string();
    return dq::loadDenseInputs(o.features, o.labels, kernel);
}

void printResult(const dq::BinResult& r, const std::string& name, const fs::path& out, bool json)
{
    if (json) {
        nlohmann::json j;
        j["out"] = out.string();
        j["manifest"] = (out / "bins.json").string();
        j["bins"] = nlohmann::json::array();
        for (std::size_t b = 0; b < r.bins.size(); ++b)
            j["bins"].push_back({{"file", (out / dq::binFileName(name, static_cast<int>(b))).string()},
                                 {"count", r.bins[b].size()}});
        j["exact"] = r.exact;
        j["greedy_used"] = r.greedyUsed;
        j["warnings"] = r.warnings;
        j["seconds"] = r.seconds;
        std::cout << j.dump(2) << std::endl;
        return;
    }
    for (std::size_t b = 0; b < r.bins.size(); ++b)
        std::cout << (out / dq::binFileName(name, static_cast<int>(b))).string() << "\t" << r.bins[b].size() << "\n";
    std::cout << (out / "bins.json").string() << "\n";
    for (const auto& w : r.warnings)
        std::cerr << "dq: warning: " << w << "\n";
}

} // namespace

CommandRunner registerBinsCommand(CLI::App& parent)
{
    auto o = std::make_shared<BinsOptions>();
    CLI::App* cmd = parent.add_subcommand("bins", commandDescription("bins"));
    cmd->add_option("--features", o->features, "N x D float32/float64 features (.npy), or a folder written by dq features");
    cmd->add_option("--gradients", o->gradients, "Gradient factors B.npy,E.npy (N x C and N x D)");
    cmd->add_option("--dataset", o->dataset, "A dataset spec; features are computed with --model");
    cmd->add_option("--model", o->model, "Features of --dataset: pixels | convnet | resnet18 | resnet18-imagenet | torchscript:FILE")
        ->capture_default_str();
    cmd->add_option("--weights", o->weights, "PyTorch state_dict (.pth) for a built-in --model");
    cmd->add_option("--epochs", o->epochs, "Selection training epochs of --model")->capture_default_str();
    cmd->add_option("--mode", o->mode, "Features of --model: gradient | embedding (auto: gradient)")->capture_default_str();
    cmd->add_option("--device", o->device, "auto | cpu | cuda | cuda:N")->capture_default_str();
    cmd->add_option("--batch", o->batch, "Inference batch size of --model")->capture_default_str();
    cmd->add_option("--image-size", o->imageSize, "Square input size of --model (0: the model's or the data's)")
        ->capture_default_str();
    cmd->add_option("--limit", o->limit, "Only the first N samples of --dataset (0: all)")->capture_default_str();
    cmd->add_option("--cache-dir", o->cacheDir, "Feature cache (default $XDG_CACHE_HOME/dq-studio or ~/.cache/dq-studio)");
    cmd->add_flag("--no-cache", o->noCache, "Recompute the features even when the cache holds them");
    cmd->add_option("--split", o->split, "Split of --dataset: train or test")->capture_default_str();
    cmd->add_option("--labels", o->labels, "N integer labels (.npy); needed unless --no-balance");
    cmd->add_option("--bins,-k", o->bins, "Number of bins K")->capture_default_str();
    cmd->add_option("--function", o->function, "graphcut | facility-location | log-det")->capture_default_str();
    cmd->add_option("--greedy", o->greedy, "naive | lazy | stochastic | approx-lazy")->capture_default_str();
    cmd->add_option("--kernel", o->kernel, "cosine (0.5 + 0.5 cos) | dot")->capture_default_str();
    cmd->add_option("--lambda", o->lambda, "GraphCut coverage weight")->capture_default_str();
    cmd->add_option("--epsilon", o->epsilon, "Stochastic greedy epsilon (the reference uses 0.9)")->capture_default_str();
    cmd->add_option("--beta", o->beta, "Approximate lazy greedy beta")->capture_default_str();
    cmd->add_flag("--no-balance", o->noBalance, "One pool for all samples, budget N // K per bin");
    cmd->add_option("--seed", o->seed, "Seed of the stochastic greedy and of --model (weights, training order)")
        ->capture_default_str();
    cmd->add_option("--name", o->name, "Name in the output files (default: the dataset or features file name)");
    cmd->add_option("--memory-limit", o->memoryLimit, "Memory for dense similarity blocks")->capture_default_str();
    cmd->add_option("--out,-o", o->out, "Output folder")->required();
    cmd->add_flag("--json", "Print the result as JSON");
    return [o](RunContext& ctx) {
        dq::BinParams p;
        p.bins = o->bins;
        p.function = dq::parseFunction(o->function);
        p.greedy.kind = dq::parseGreedy(o->greedy);
        p.greedy.epsilon = o->epsilon;
        p.greedy.beta = o->beta;
        p.greedy.seed = o->seed;
        p.lambda = o->lambda;
        p.balance = !o->noBalance;
        p.memoryLimitBytes = parseByteSize(o->memoryLimit, "--memory-limit");
        const dq::Kernel kernel = dq::parseKernel(o->kernel);
        std::string name;
        const dq::BinInputs in = loadInputs(*o, kernel, ctx, name);
        if (!o->name.empty())
            name = o->name;
        // Across ranks every rank loads the inputs and reaches the same bins; rank 0 writes.
        dq::RankGroup& group = dq::rankGroup();
        p.group = &group;
        const dq::BinResult r = dq::generateBins(*in.space, in.labels, p, ctx.progress, ctx.cancel);
        ctx.cancel.throwIfCancelled();
        group.commitOnRankZero([&] { dq::writeBinsFolder(o->out, name, r, p, in.info, in.labels); });
        if (group.rank() == 0)
            printResult(r, name, o->out, ctx.json);
    };
}

} // namespace dqcli
