// dq bins: dataset quantization's bin generation on precomputed features, raw pixels, or
// features computed (or reused from the cache) by a network in the same command.
#include "Command.h"
#include "OptionGroups.h"

#include "bins/BinGenerator.h"
#include "bins/BinsFolder.h"
#include "common/Error.h"
#include "common/Progress.h"
#include "datasets/DatasetSpec.h"
#include "distributed/RankGroup.h"
#include "datasets/DatasetPrefix.h"
#include "features/FeaturesFolder.h"
#include "features/PixelFeatures.h"
#include "io/Npy.h"
#include "stages/BinsStage.h"
#include "common/JobContext.h"
#include "stages/torch/FeaturesStage.h"
#include "stages/FeaturesBinsSource.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <ostream>

namespace fs = std::filesystem;

namespace dqcli {
namespace {

struct BinsOptions {
    std::string features, labels, gradients;
    DatasetOptions dataset;
    FeatureOptions network{"pixels"}; // features of --dataset, as dq features computes them
    CacheOptions cache;
    int bins = 10;
    std::string function = "graphcut", greedy = "lazy", kernel = "cosine";
    double lambda = 1.0, epsilon = 0.01, beta = 0.9;
    bool noBalance = false;
    std::uint64_t seed = 0;
    std::string name, out, memoryLimit = "4G";
};

dq::BinsSource networkSource(const BinsOptions& o, const dq::DatasetBundle& bundle,
                             const std::shared_ptr<const dq::Dataset>& split, RunContext& ctx)
{
    if (dq::rankGroup().multiProcess())
        throw dq::UsageError("--model", "across ranks dq bins reads features: compute them first with dq features "
                                        "(across ranks too), then give the folder to --features");
    dq::FeaturesParams p;
    o.dataset.fill(p);
    p.data = split;
    p.name = bundle.name;
    o.network.fill(p.network);
    o.cache.fill(p.network);
    p.network.seed = o.seed;
    dq::JobContext job(ctx.progress, ctx.cancel, ctx.noteSink());
    const dq::FeaturesResult r = dq::runFeatures(p, job);
    ctx.err << "dq: features " << r.folder.string() << (r.fromCache ? " (from the cache)" : "") << "\n";
    dq::BinsSource s = dq::binsSourceFromFolder(dq::readFeaturesFolder(r.folder));
    s.source = r.folder.string();
    return s;
}

// The options' inputs as the Bins stage takes them, and the name of the output files.
dq::BinsSource binsSource(const BinsOptions& o, RunContext& ctx, std::string& defaultName)
{
    const int sources = !o.features.empty() + !o.gradients.empty() + !o.dataset.spec.empty();
    if (sources != 1)
        throw dq::UsageError("--features", "give exactly one of --features, --gradients or --dataset");
    if (!o.dataset.spec.empty()) {
        if (!o.labels.empty())
            throw dq::UsageError("--labels", "not used with --dataset (the dataset's own labels are used)");
        const dq::DatasetBundle bundle = dq::openDataset(o.dataset.spec);
        const auto full = bundle.split(o.dataset.split);
        defaultName = bundle.name;
        const FeatureOptions& n = o.network;
        if (n.model != "pixels")
            return networkSource(o, bundle, full, ctx);
        if (n.epochs > 0 || !n.weights.empty())
            throw dq::UsageError(n.epochs > 0 ? "--epochs" : "--weights", "has no meaning for --model pixels");
        if (n.mode != "auto" && n.mode != "pixels")
            throw dq::UsageError("--mode", n.mode + " features need a network; --model pixels gives pixels");
        const dq::DatasetPrefix split(*full, o.dataset.limit);
        dq::BinsSource s;
        s.matrix = std::make_shared<const dq::NpyArray>(dq::pixelFeatures(split, ctx.progress, ctx.cancel));
        s.matrixLabels = split.labels();
        s.dropLabels = split.classCount() == 0;
        s.source = o.dataset.spec + " (" + o.dataset.split + ", pixels)";
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

void printResult(RunContext& ctx, const dq::BinsResult& stage, const std::string& name, const fs::path& out)
{
    const dq::BinResult& r = stage.bins;
    if (ctx.json) {
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
        ctx.out << j.dump(2) << std::endl;
        return;
    }
    for (std::size_t b = 0; b < r.bins.size(); ++b)
        ctx.out << (out / dq::binFileName(name, static_cast<int>(b))).string() << "\t" << r.bins[b].size() << "\n";
    ctx.out << (out / "bins.json").string() << "\n";
    if (stage.fromCache)
        ctx.err << "dq: bins " << stage.folder.string() << " (from the cache)\n";
    for (const auto& w : r.warnings)
        ctx.err << "dq: warning: " << w.text << "\n";
}

class BinsCommand : public Command {
public:
    const char* name() const override { return "bins"; }

    void declare(CLI::App& cmd) override
    {
        BinsOptions& o = o_;
        cmd.add_option("--features", o.features,
                       "N x D float32/float64 features (.npy), or a folder written by dq features");
        cmd.add_option("--gradients", o.gradients, "Gradient factors B.npy,E.npy (N x C and N x D)");
        o.dataset.declare(cmd, DatasetOptions::kOptional | DatasetOptions::kSplit | DatasetOptions::kLimit,
                          "; its features are computed (or read from the cache) with --model");
        o.network.declare(cmd);
        o.cache.declare(cmd);
        cmd.add_option("--labels", o.labels, "N integer labels (.npy); needed unless --no-balance");
        cmd.add_option("--bins,-k", o.bins, "Number of bins K")->capture_default_str();
        cmd.add_option("--function", o.function, "graphcut | facility-location | log-det")->capture_default_str();
        cmd.add_option("--greedy", o.greedy, "naive | lazy | stochastic | approx-lazy")->capture_default_str();
        cmd.add_option("--kernel", o.kernel, "cosine (0.5 + 0.5 cos) | dot")->capture_default_str();
        cmd.add_option("--lambda", o.lambda, "GraphCut coverage weight")->capture_default_str();
        cmd.add_option("--epsilon", o.epsilon, "Stochastic greedy epsilon (the reference uses 0.9)")->capture_default_str();
        cmd.add_option("--beta", o.beta, "Approximate lazy greedy beta")->capture_default_str();
        cmd.add_flag("--no-balance", o.noBalance, "One pool for all samples, budget N // K per bin");
        cmd.add_option("--seed", o.seed, "Seed of the stochastic greedy and of --model (weights, training order)")
            ->capture_default_str();
        cmd.add_option("--name", o.name, "Name in the output files (default: the dataset or features file name)");
        cmd.add_option("--memory-limit", o.memoryLimit, "Memory for dense similarity blocks")->capture_default_str();
        cmd.add_option("--out,-o", o.out, "Output folder")->required();
        cmd.add_flag("--json", "Print the result as JSON");
    }

    void run(RunContext& ctx) override
    {
        const BinsOptions& o = o_;
        dq::BinsParams p;
        dq::BinParams& e = p.engine;
        e.bins = o.bins;
        e.function = dq::parseFunction(o.function);
        e.greedy.kind = dq::parseGreedy(o.greedy);
        e.greedy.epsilon = o.epsilon;
        e.greedy.beta = o.beta;
        e.greedy.seed = o.seed;
        e.lambda = o.lambda;
        e.balance = !o.noBalance;
        e.memoryLimitBytes = parseByteSize(o.memoryLimit, "--memory-limit");
        p.kernel = dq::parseKernel(o.kernel);
        std::string name;
        p.source = binsSource(o, ctx, name);
        if (!o.name.empty())
            name = o.name;
        if (name.empty() || name.find('/') != std::string::npos)
            throw dq::UsageError("--name", "must be non-empty and contain no '/'");
        p.name = name;
        o.cache.fill(p);
        // Across ranks every rank loads the inputs and reaches the same bins; rank 0 writes.
        // The cache is left out: ranks that found different entries would wait on each other.
        dq::RankGroup& group = dq::rankGroup();
        e.group = &group;
        p.useCache = !group.multiProcess();
        dq::JobContext job(ctx.progress, ctx.cancel, ctx.noteSink());
        const dq::BinsResult r = dq::runBins(p, job);
        ctx.cancel.throwIfCancelled();
        group.commitOnRankZero([&] { dq::writeBinsFolder(o.out, name, r.bins, e, r.input, r.labels); });
        if (group.rank() == 0)
            printResult(ctx, r, name, o.out);
    }

private:
    BinsOptions o_;
};

} // namespace

std::unique_ptr<Command> makeBinsCommand() { return std::make_unique<BinsCommand>(); }

} // namespace dqcli
