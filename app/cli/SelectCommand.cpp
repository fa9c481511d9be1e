// dq select: a coreset-selection method (random, k-center, herding, moderate, the
// logit scores, ccs, submodular) at one ratio, with DQ's per-class budgets.
#include "Command.h"
#include "CommandCatalog.h"

#include "common/Error.h"
#include "common/NumberText.h"
#include "common/Progress.h"
#include "datasets/DatasetSpec.h"
#include "features/FeatureExtractor.h"
#include "features/ScoreSeedFeatures.h"
#include "selection/CoresetSelection.h"
#include "selection/SelectionOutput.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace fs = std::filesystem;

namespace dqcli {
namespace {

struct SelectOptions {
    std::string method, score, features, dataset, model = "convnet", device = "auto", cacheDir, budgetBins, out;
    std::string herding = "paper", function = "graphcut";
    int epochs = 0;
    std::int64_t limit = 0;
    double ratio = 0.125, ccsHard = 0.1, lambda = 1.0;
    int ccsStrata = 50, scoreSeeds = 1;
    std::uint64_t seed = 0;
    bool noBalance = false;
};

// The features folder: --features, or dq features' cache entry for --dataset and --model.
fs::path featuresFolder(const SelectOptions& o, RunContext& ctx)
{
    if (!o.features.empty() && !o.dataset.empty())
        throw dq::UsageError("--features", "give either --features or --dataset with --model, not both");
    if (!o.features.empty())
        return o.features;
    if (o.dataset.empty())
        throw dq::UsageError("--features", "needs a features folder (dq features), or --dataset with --model");
    const dq::DatasetBundle bundle = dq::openDataset(o.dataset);
    dq::FeatureParams p;
    p.model = o.model;
    p.epochs = o.epochs;
    p.device = o.device;
    p.seed = o.seed;
    p.limit = o.limit;
    p.cacheDir = o.cacheDir;
    p.datasetSpec = o.dataset;
    p.datasetName = bundle.name;
    p.onNote = [](const std::string& text) { std::cerr << "dq: note: " << text << std::endl; };
    return dq::extractFeatures(*bundle.split("train"), p, ctx.progress, ctx.cancel).folder;
}

} // namespace

CommandRunner registerSelectCommand(CLI::App& parent)
{
    auto o = std::make_shared<SelectOptions>();
    CLI::App* cmd = parent.add_subcommand("select", commandDescription("select"));
    cmd->add_option("--method,-m", o->method,
                    "random | kcenter | herding | moderate | uncertainty | el2n | grand | forgetting | aum | ccs | "
                    "submodular")
        ->required();
    cmd->add_option("--score", o->score,
                    "uncertainty: least-confidence | margin | entropy; ccs: el2n | grand | forgetting | aum or one of "
                    "those");
    cmd->add_option("--ratio,-r", o->ratio, "Keep ratio, in (0, 1]")->capture_default_str();
    cmd->add_option("--features", o->features, "Features folder written by 'dq features'");
    cmd->add_option("--dataset", o->dataset, "A dataset spec: compute (or reuse) its features with --model");
    cmd->add_option("--model", o->model,
                    "With --dataset: convnet | resnet18 | resnet18-imagenet | pixels | torchscript:FILE")
        ->capture_default_str();
    cmd->add_option("--epochs", o->epochs, "With --dataset: selection training epochs")->capture_default_str();
    cmd->add_option("--limit", o->limit, "With --dataset: only the first N samples (0: all)")->capture_default_str();
    cmd->add_option("--device", o->device, "With --dataset or --score-seeds: auto | cpu | cuda | cuda:N")
        ->capture_default_str();
    cmd->add_option("--cache-dir", o->cacheDir, "With --dataset or --score-seeds: the features cache folder");
    cmd->add_option("--seed", o->seed, "Seed (random, k-center's first pick, ccs's draws; with --dataset also the model's)")
        ->capture_default_str();
    cmd->add_option("--score-seeds", o->scoreSeeds,
                    "el2n, grand (and ccs over them): average the score over N selection trainings, seeds S..S+N-1 "
                    "(S: --seed with --dataset, else the features' own; the others trained like them, cached)")
        ->capture_default_str();
    cmd->add_flag("--no-balance", o->noBalance, "One pool instead of per-class budgets");
    cmd->add_option("--budget-bins", o->budgetBins, "Bins folder: per-class budgets = what dq sample keeps from it");
    cmd->add_option("--herding-rule", o->herding, "paper (arg-min, Welling) | deepcore (DeepCore's arg-max)")
        ->capture_default_str();
    cmd->add_option("--ccs-hard-fraction", o->ccsHard, "ccs: fraction of the hardest pruned first (beta)")
        ->capture_default_str();
    cmd->add_option("--ccs-strata", o->ccsStrata, "ccs: equal-width strata of the score range")->capture_default_str();
    cmd->add_option("--function", o->function, "submodular: graphcut | facility-location | log-det")->capture_default_str();
    cmd->add_option("--lambda", o->lambda, "submodular: GraphCut's coverage weight")->capture_default_str();
    cmd->add_option("--out,-o", o->out, "Output folder: select_indices_<NAME>_<M>_<R>.npy and select.json")->required();
    cmd->add_flag("--json", "Print select.json on stdout");
    return [o](RunContext& ctx) {
        dq::SelectionParams p;
        p.method = dq::parseSelectionMethod(o->method);
        p.ratio = o->ratio;
        if (!(p.ratio > 0.0 && p.ratio <= 1.0))
            throw dq::UsageError("--ratio", "must lie in (0, 1], got " + dq::pythonFloatText(p.ratio));
        if (!o->score.empty()) {
            if (p.method != dq::SelectionMethod::Uncertainty && p.method != dq::SelectionMethod::Ccs)
                throw dq::UsageError("--score", "applies to --method uncertainty and ccs only");
            p.score = dq::parseScoreKind(o->score);
            p.scoreGiven = true;
        }
        if (o->herding != "paper" && o->herding != "deepcore")
            throw dq::UsageError("--herding-rule", "expected paper or deepcore, got '" + o->herding + "'");
        p.herding = o->herding == "paper" ? dq::HerdingRule::Paper : dq::HerdingRule::DeepCoreArgMax;
        p.function = dq::parseFunction(o->function);
        p.lambda = o->lambda;
        p.ccsHardFraction = o->ccsHard;
        p.ccsStrata = o->ccsStrata;
        p.seed = o->seed;
        p.balance = !o->noBalance;
        p.budgetBins = o->budgetBins;
        dq::checkScoreSeeds(p, o->scoreSeeds);
        p.features = featuresFolder(*o, ctx);
        std::vector<fs::path> otherTrainings;
        if (o->scoreSeeds > 1) {
            dq::ScoreSeedOptions seeds;
            seeds.seeds = o->scoreSeeds;
            seeds.device = o->device;
            seeds.cacheDir = o->cacheDir;
            seeds.onNote = [](const std::string& text) { std::cerr << "dq: note: " << text << std::endl; };
            otherTrainings = dq::scoreSeedFolders(p.features, seeds, ctx.progress, ctx.cancel);
            otherTrainings.erase(otherTrainings.begin()); // the features' own
        }
        dq::ScoreTrainings trainings;
        const dq::SelectionResult r = dq::runSelection(p, ctx.progress, ctx.cancel, otherTrainings, &trainings);
        ctx.cancel.throwIfCancelled();
        const dq::FeaturesFolder f = dq::readFeaturesFolder(p.features);
        const std::string name = f.datasetName.empty() ? fs::absolute(p.features).filename().string() : f.datasetName;
        const fs::path indices = dq::writeSelection(o->out, name, r, p, &trainings);
        if (ctx.json) {
            std::cout << dq::selectionJson(r, p, indices.filename().string(), &trainings);
            return;
        }
        std::cout << indices.string() << "\n" << (fs::path(o->out) / "select.json").string() << "\n";
        std::cerr << "dq: " << r.method << " kept " << r.indices.size() << " of " << r.datasetSize << " samples in "
                  << r.selectSeconds << " s\n";
    };
}

} // namespace dqcli
