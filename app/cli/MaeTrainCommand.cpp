// dq mae-train: pre-train the compact masked autoencoder on a dataset (random masking, as
// MAE pre-training); the checkpoint is cached and is what `--recon mae-compact` uses.
#include "Command.h"
#include "CommandCatalog.h"

#include "common/Progress.h"
#include "datasets/DatasetSpec.h"
#include "pixel/MaeTraining.h"
#include "stages/JobContext.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <memory>

namespace dqcli {
namespace {

struct MaeTrainOptions {
    std::string dataset, split = "train", cacheDir;
    dq::MaeTrainParams params;
    bool noCache = false;
};

// The training's notes on stderr, the code first (as dq bins prints them).
void printNote(const dq::Note& n) { std::cerr << "dq: note: [" << n.code << "] " << n.text << std::endl; }

} // namespace

CommandRunner registerMaeTrainCommand(CLI::App& parent)
{
    auto o = std::make_shared<MaeTrainOptions>();
    dq::MaeTrainParams& p = o->params;
    CLI::App* cmd = parent.add_subcommand("mae-train", commandDescription("mae-train"));
    cmd->add_option("--dataset", o->dataset, "A dataset spec")->required();
    cmd->add_option("--split", o->split, "train or test")->capture_default_str();
    cmd->add_option("--config", p.config, "MAE configuration (compact, base, large, huge)")->capture_default_str();
    cmd->add_option("--epochs", p.epochs, "Training epochs")->capture_default_str();
    cmd->add_option("--batch", p.batchSize, "Batch size")->capture_default_str();
    cmd->add_option("--lr", p.learningRate, "Peak learning rate (AdamW, cosine schedule)")->capture_default_str();
    cmd->add_option("--mask-ratio", p.maskRatio, "Fraction of patches masked at random in training")->capture_default_str();
    cmd->add_option("--limit", p.limit, "Only the first N samples (0: all)")->capture_default_str();
    cmd->add_option("--seed", p.seed, "Seed of the initial weights, the order and the masks")->capture_default_str();
    cmd->add_option("--device", p.device, "auto | cpu | cuda | cuda:N")->capture_default_str();
    cmd->add_option("--cache-dir", p.cacheDir, "Cache folder (default $XDG_CACHE_HOME/dq-studio or ~/.cache/dq-studio)");
    cmd->add_flag("--no-cache", o->noCache, "Train even when the cache holds this model (and refresh it)");
    cmd->add_flag("--json", "Print the result as JSON");
    return [o](RunContext& ctx) {
        dq::MaeTrainParams p = o->params;
        const dq::DatasetBundle bundle = dq::openDataset(o->dataset);
        const auto split = bundle.split(o->split);
        p.datasetSpec = o->dataset;
        p.datasetName = bundle.name;
        p.reuseCache = !o->noCache;
        dq::JobContext context(ctx.progress, ctx.cancel, printNote);
        const dq::MaeTrainResult r = dq::trainMae(*split, p, context);
        if (ctx.json) {
            std::cout << nlohmann::json{{"checkpoint", r.checkpoint.string()},
                                        {"from_cache", r.fromCache},
                                        {"epoch_loss", r.epochLoss},
                                        {"seconds", r.seconds},
                                        {"images_per_second", r.imagesPerSecond},
                                        {"device", r.device}}
                             .dump(2)
                      << std::endl;
            return;
        }
        std::cout << r.checkpoint.string() << "\n";
        if (r.fromCache) {
            std::fprintf(stderr, "dq: read from the cache (no training)\n");
            return;
        }
        for (std::size_t e = 0; e < r.epochLoss.size(); ++e)
            std::fprintf(stderr, "dq: epoch %zu/%zu: loss %.5f\n", e + 1, r.epochLoss.size(), r.epochLoss[e]);
        std::fprintf(stderr, "dq: trained in %.1f s (%.0f images/s on %s)\n", r.seconds, r.imagesPerSecond,
                     r.device.c_str());
    };
}

} // namespace dqcli
