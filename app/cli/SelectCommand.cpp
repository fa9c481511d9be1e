// dq select: a coreset-selection method (random, k-center, herding, moderate, the
// logit scores, ccs, submodular) at one ratio, with DQ's per-class budgets.
#include "Command.h"
#include "OptionGroups.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "selection/SelectionOutput.h"
#include "common/JobContext.h"
#include "stages/torch/SelectionStage.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <memory>
#include <ostream>

namespace fs = std::filesystem;

namespace dqcli {
namespace {

struct SelectOptions {
    std::string method, score, features, budgetBins, out;
    DatasetOptions dataset;
    FeatureOptions network{"convnet"};
    CacheOptions cache;
    std::string herding = "paper", function = "graphcut";
    double ratio = 0.125, ccsHard = 0.1, lambda = 1.0;
    int ccsStrata = 50, scoreSeeds = 1;
    std::uint64_t seed = 0;
    bool noBalance = false;
};

// --dataset with --model: the Features stage's parameters (as dq features' defaults).
dq::FeaturesParams datasetFeatures(const SelectOptions& o)
{
    dq::FeaturesParams p;
    o.dataset.fill(p);
    o.network.fill(p.network);
    o.cache.fill(p.network);
    p.network.seed = o.seed;
    return p;
}

class SelectCommand : public Command {
public:
    const char* name() const override { return "select"; }

    void declare(CLI::App& cmd) override
    {
        SelectOptions& o = o_;
        cmd.add_option("--method,-m", o.method,
                       "random | kcenter | herding | moderate | uncertainty | el2n | grand | forgetting | aum | ccs | "
                       "submodular")
            ->required();
        cmd.add_option("--score", o.score,
                       "uncertainty: least-confidence | margin | entropy; ccs: el2n | grand | forgetting | aum or one of "
                       "those");
        cmd.add_option("--ratio,-r", o.ratio, "Keep ratio, in (0, 1]")->capture_default_str();
        cmd.add_option("--features", o.features, "Features folder written by 'dq features'");
        o.dataset.declare(cmd, DatasetOptions::kOptional | DatasetOptions::kLimit,
                          "; its features are computed (or read from the cache) with --model");
        o.network.declareNetwork(cmd);
        o.cache.declare(cmd, CacheOptions::kDir);
        cmd.add_option("--seed", o.seed,
                       "Seed (random, k-center's first pick, ccs's draws; with --dataset also the model's)")
            ->capture_default_str();
        cmd.add_option("--score-seeds", o.scoreSeeds,
                       "el2n, grand (and ccs over them): average the score over N selection trainings, seeds S..S+N-1 "
                       "(S: --seed with --dataset, else the features' own; the others trained like them, cached)")
            ->capture_default_str();
        cmd.add_flag("--no-balance", o.noBalance, "One pool instead of per-class budgets");
        cmd.add_option("--budget-bins", o.budgetBins, "Bins folder: per-class budgets = what dq sample keeps from it");
        cmd.add_option("--herding-rule", o.herding, "paper (arg-min, Welling) | deepcore (DeepCore's arg-max)")
            ->capture_default_str();
        cmd.add_option("--ccs-hard-fraction", o.ccsHard, "ccs: fraction of the hardest pruned first (beta)")
            ->capture_default_str();
        cmd.add_option("--ccs-strata", o.ccsStrata, "ccs: equal-width strata of the score range")->capture_default_str();
        cmd.add_option("--function", o.function, "submodular: graphcut | facility-location | log-det")->capture_default_str();
        cmd.add_option("--lambda", o.lambda, "submodular: GraphCut's coverage weight")->capture_default_str();
        cmd.add_option("--out,-o", o.out, "Output folder: select_indices_<NAME>_<M>_<R>.npy and select.json")->required();
        cmd.add_flag("--json", "Print select.json on stdout");
    }

    void run(RunContext& ctx) override
    {
        const SelectOptions& o = o_;
        dq::SelectionStageParams stage;
        dq::SelectionParams& p = stage.selection;
        p.method = dq::parseSelectionMethod(o.method);
        p.ratio = o.ratio;
        if (!o.score.empty()) {
            if (p.method != dq::SelectionMethod::Uncertainty && p.method != dq::SelectionMethod::Ccs)
                throw dq::UsageError("--score", "applies to --method uncertainty and ccs only");
            p.score = dq::parseScoreKind(o.score);
            p.scoreGiven = true;
        }
        if (o.herding != "paper" && o.herding != "deepcore")
            throw dq::UsageError("--herding-rule", "expected paper or deepcore, got '" + o.herding + "'");
        p.herding = o.herding == "paper" ? dq::HerdingRule::Paper : dq::HerdingRule::DeepCoreArgMax;
        p.function = dq::parseFunction(o.function);
        p.lambda = o.lambda;
        p.ccsHardFraction = o.ccsHard;
        p.ccsStrata = o.ccsStrata;
        p.seed = o.seed;
        p.balance = !o.noBalance;
        p.budgetBins = o.budgetBins;
        p.features = o.features;
        stage.dataset = datasetFeatures(o);
        stage.scoreSeeds = o.scoreSeeds;
        dq::JobContext job(ctx.progress, ctx.cancel, ctx.noteSink());
        const dq::SelectionStageResult selected = dq::runSelection(stage, job);
        ctx.cancel.throwIfCancelled();
        const dq::SelectionResult& r = selected.selection;
        p.features = selected.features; // select.json names the folder selected from
        const fs::path indices = dq::writeSelection(o.out, selected.datasetName, r, p, &selected.trainings);
        if (ctx.json) {
            ctx.out << dq::selectionJson(r, p, indices.filename().string(), &selected.trainings);
            return;
        }
        ctx.out << indices.string() << "\n" << (fs::path(o.out) / "select.json").string() << "\n";
        ctx.err << "dq: " << r.method << " kept " << r.indices.size() << " of " << r.datasetSize << " samples in "
                << r.selectSeconds << " s\n";
    }

private:
    SelectOptions o_;
};

} // namespace

std::unique_ptr<Command> makeSelectCommand() { return std::make_unique<SelectCommand>(); }

} // namespace dqcli
