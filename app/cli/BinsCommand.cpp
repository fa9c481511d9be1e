// dq bins: dataset quantization's bin generation on precomputed features, raw pixels, or
// features computed (or reused from the cache) by a network in the same command.
#include "Command.h"
#include "CommandCatalog.h"

#include "bins/BinGenerator.h"
#include "bins/BinsFolder.h"
#include "common/Error.h"
#include "common/Progress.h"
#include "datasets/DatasetSpec.h"
#include "distributed/RankGroup.h"
#include "features/DatasetPrefix.h"
#include "features/FeaturesFolder.h"
#include "features/PixelFeatures.h"
#include "io/Npy.h"
#include "stages/BinsStage.h"
#include "stages/JobContext.h"
#include "stages/torch/FeaturesStage.h"
#include "features/FeaturesBinsSource.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

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

// dq bins' notes (a repaired cache entry, a device fallback) on stderr.
// The code leads, so that scripts match it rather than the English text.
void printNote(const dq::Note& n) { std::cerr << "dq: note: [" << n.code << "] " << n.text << std::endl; }

dq::BinsSource networkSource(const BinsOptions& o, const dq::DatasetBundle& bundle,
                             const std::shared_ptr<const dq::Dataset>& split, RunContext& ctx)
{
    if (dq::rankGroup().multiProcess())
        throw dq::UsageError("--model", "across ranks dq bins reads features: compute them first with dq features "
                                        "(across ranks too), then give the folder to --features");
    dq::FeaturesParams p;
    p.data = split;
    p.spec = o.dataset;
    p.name = bundle.name;
    dq::FeatureParams& n = p.network;
    n.model = o.model;
    n.weights = o.weights;
    n.epochs = o.epochs;
    n.mode = dq::parseFeatureMode(o.mode);
    n.device = o.device;
    n.batchSize = o.batch;
    n.imageSize = o.imageSize;
    n.seed = o.seed;
    n.limit = o.limit;
    n.cacheDir = o.cacheDir;
    n.reuseCache = !o.noCache;
    dq::JobContext job(ctx.progress, ctx.cancel, printNote);
    const dq::FeaturesResult r = dq::runFeatures(p, job);
    std::cerr << "dq: features " << r.folder.string() << (r.fromCache ? " (from the cache)" : "") << "\n";
    dq::BinsSource s = dq::binsSourceFromFolder(dq::readFeaturesFolder(r.folder));
    s.source = r.folder.string();
    return s;
}

// The options' inputs as the Bins stage takes them, and the name of the output files.
dq::BinsSource binsSource(const BinsOptions& o, RunContext& ctx, std::string& defaultName)
{
    const int sources = !o.features.empty() + !o.gradients.empty() + !o.dataset.empty();
    if (sources != 1)
        throw dq::UsageError("--features", "give exactly one of --features, --gradients or --dataset");
    if (!o.dataset.empty()) {
        if (!o.labels.empty())
            throw dq::UsageError("--labels", "not used with --dataset (the dataset's own labels are used)");
        const dq::DatasetBundle bundle = dq::openDataset(o.dataset);
        const auto full = bundle.split(o.split);
        defaultName = bundle.name;
        if (o.model != "pixels")
            return networkSource(o, bundle, full, ctx);
        if (o.epochs > 0 || !o.weights.empty())
            throw dq::UsageError(o.epochs > 0 ? "--epochs" : "--weights", "has no meaning for --model pixels");
        if (o.mode != "auto" && o.mode != "pixels")
            throw dq::UsageError("--mode", o.mode + " features need a network; --model pixels gives pixels");
        const dq::DatasetPrefix split(*full, o.limit);
        dq::BinsSource s;
        s.matrix = std::make_shared<const dq::NpyArray>(dq::pixelFeatures(split, ctx.progress, ctx.cancel));
        s.matrixLabels = split.labels();
        s.dropLabels = split.classCount() == 0;
        s.source = o.dataset + " (" + o.split + ", pixels)";
        s.matrixFingerprint = split.fingerprint();
        return s;
    }
    dq::BinsSource s;
    if (!o.gradients.empty()) {
        const auto comma = o.gradients.find(',');
        if (comma == std::string::npos)
            throw dq::UsageError("--gradients", "expected B.npy,E.npy (gradient factor and embedding)");
        s.gradientB = o.gradients.substr(0, comma);
        s.gradientE = o.gradients.substr(comma + 1);
        s.labels = o.labels;
        defaultName = s.gradientB.stem().string();
        return s;
    }
    if (fs::is_directory(o.features)) {
        const dq::FeaturesFolder f = dq::readFeaturesFolder(o.features);
        defaultName = f.datasetName.empty() ? fs::path(o.features).filename().string() : f.datasetName;
        return dq::binsSourceFromFolder(f, o.labels);
    }
    defaultName = fs::path(o.features).stem().string();
    s.features = o.features;
    s.labels = o.labels;
    return s;
}

void printResult(const dq::BinsResult& stage, const std::string& name, const fs::path& out, bool json)
{
    const dq::BinResult& r = stage.bins;
    if (json) {
        nlohmann::json j;
        j["out"] = out.string();
        j["manifest"] = (out / "bins.json").string();
        j["bins"] = nlohmann::json::array();
        for (std::size_t b = 0; b < r.bins.size(); ++b)
            j["bins"].push_back(
                {{"file", (out / dq::binFileName(name, static_cast<int>(b))).string()}, {"count", r.bins[b].size()}});
        j["exact"] = r.exact;
        j["greedy_used"] = r.greedyUsed;
        j["warnings"] = dq::noteTexts(r.warnings);
        j["seconds"] = r.seconds;
        j["from_cache"] = stage.fromCache;
        j["cache_entry"] = stage.folder.string();
        std::cout << j.dump(2) << std::endl;
        return;
    }
    for (std::size_t b = 0; b < r.bins.size(); ++b)
        std::cout << (out / dq::binFileName(name, static_cast<int>(b))).string() << "\t" << r.bins[b].size() << "\n";
    std::cout << (out / "bins.json").string() << "\n";
    if (stage.fromCache)
        std::cerr << "dq: bins " << stage.folder.string() << " (from the cache)\n";
    for (const auto& w : r.warnings)
        std::cerr << "dq: warning: " << w.text << "\n";
}

} // namespace

CommandRunner registerBinsCommand(CLI::App& parent)
{
    auto o = std::make_shared<BinsOptions>();
    CLI::App* cmd = parent.add_subcommand("bins", commandDescription("bins"));
    cmd->add_option("--features", o->features, "N x D float32/float64 features (.npy), or a folder written by dq features");
    cmd->add_option("--gradients", o->gradients, "Gradient factors B.npy,E.npy (N x C and N x D)");
    cmd->add_option("--dataset", o->dataset, "A dataset spec; features are computed with --model");
    cmd->add_option("--model", o->model,
                    "Features of --dataset: pixels | convnet | resnet18 | resnet18-imagenet | torchscript:FILE")
        ->capture_default_str();
    cmd->add_option("--weights", o->weights, "PyTorch state_dict (.pth) for a built-in --model");
    cmd->add_option("--epochs", o->epochs, "Selection training epochs of --model")->capture_default_str();
    cmd->add_option("--mode", o->mode, "Features of --model: gradient | embedding (auto: gradient)")->capture_default_str();
    cmd->add_option("--device", o->device, "auto | cpu | cuda | cuda:N")->capture_default_str();
    cmd->add_option("--batch", o->batch, "Inference batch size of --model")->capture_default_str();
    cmd->add_option("--image-size", o->imageSize, "Square input size of --model (0: the model's or the data's)")
        ->capture_default_str();
    cmd->add_option("--limit", o->limit, "Only the first N samples of --dataset (0: all)")->capture_default_str();
    cmd->add_option("--cache-dir", o->cacheDir,
                    "Features and bins cache (default $XDG_CACHE_HOME/dq-studio or ~/.cache/dq-studio)");
    cmd->add_flag("--no-cache", o->noCache, "Compute the features and bins again even when the cache holds them");
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
        dq::BinsParams p;
        dq::BinParams& e = p.engine;
        e.bins = o->bins;
        e.function = dq::parseFunction(o->function);
        e.greedy.kind = dq::parseGreedy(o->greedy);
        e.greedy.epsilon = o->epsilon;
        e.greedy.beta = o->beta;
        e.greedy.seed = o->seed;
        e.lambda = o->lambda;
        e.balance = !o->noBalance;
        e.memoryLimitBytes = parseByteSize(o->memoryLimit, "--memory-limit");
        p.kernel = dq::parseKernel(o->kernel);
        std::string name;
        p.source = binsSource(*o, ctx, name);
        if (!o->name.empty())
            name = o->name;
        if (name.empty() || name.find('/') != std::string::npos)
            throw dq::UsageError("--name", "must be non-empty and contain no '/'");
        p.name = name;
        p.cacheDir = o->cacheDir;
        p.reuseCache = !o->noCache;
        // Across ranks every rank loads the inputs and reaches the same bins; rank 0 writes.
        // The cache is left out: ranks that found different entries would wait on each other.
        dq::RankGroup& group = dq::rankGroup();
        e.group = &group;
        p.useCache = !group.multiProcess();
        dq::JobContext job(ctx.progress, ctx.cancel, printNote);
        const dq::BinsResult r = dq::runBins(p, job);
        ctx.cancel.throwIfCancelled();
        group.commitOnRankZero([&] { dq::writeBinsFolder(o->out, name, r.bins, e, r.input, r.labels); });
        if (group.rank() == 0)
            printResult(r, name, o->out, ctx.json);
    };
}

} // namespace dqcli
