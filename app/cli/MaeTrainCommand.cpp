// dq mae-train: pre-train the compact masked autoencoder on a dataset (random masking, as
// MAE pre-training); the checkpoint is cached and is what `--recon mae-compact` uses.
#include "Command.h"
#include "OptionGroups.h"
#include "TextFormat.h"

#include "common/Progress.h"
#include "datasets/DatasetSpec.h"
#include "pixel/MaeTraining.h"
#include "common/JobContext.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <memory>
#include <ostream>

namespace dqcli {
namespace {

class MaeTrainCommand : public Command {
public:
    const char* name() const override { return "mae-train"; }

    void declare(CLI::App& cmd) override
    {
        dq::MaeTrainParams& p = params_;
        dataset_.declare(cmd, DatasetOptions::kSplit | DatasetOptions::kLimit);
        cmd.add_option("--config", p.config, "MAE configuration (compact, base, large, huge)")->capture_default_str();
        cmd.add_option("--epochs", p.epochs, "Training epochs")->capture_default_str();
        cmd.add_option("--batch", p.batchSize, "Batch size")->capture_default_str();
        cmd.add_option("--lr", p.learningRate, "Peak learning rate (AdamW, cosine schedule)")->capture_default_str();
        cmd.add_option("--mask-ratio", p.maskRatio, "Fraction of patches masked at random in training")
            ->capture_default_str();
        cmd.add_option("--seed", p.seed, "Seed of the initial weights, the order and the masks")->capture_default_str();
        declareDeviceOption(cmd, p.device);
        cache_.declare(cmd);
        cmd.add_flag("--json", "Print the result as JSON");
    }

    void run(RunContext& ctx) override
    {
        dq::MaeTrainParams p = params_;
        const dq::DatasetBundle bundle = dq::openDataset(dataset_.spec);
        const auto split = bundle.split(dataset_.split);
        p.datasetSpec = dataset_.spec;
        p.datasetName = bundle.name;
        p.limit = dataset_.limit;
        cache_.fill(p);
        dq::JobContext context(ctx.progress, ctx.cancel, ctx.noteSink());
        const dq::MaeTrainResult r = dq::trainMae(*split, p, context);
        if (ctx.json) {
            ctx.out << nlohmann::json{{"checkpoint", r.checkpoint.string()},
                                      {"from_cache", r.fromCache},
                                      {"epoch_loss", r.epochLoss},
                                      {"seconds", r.seconds},
                                      {"images_per_second", r.imagesPerSecond},
                                      {"device", r.device}}
                           .dump(2)
                    << std::endl;
            return;
        }
        ctx.out << r.checkpoint.string() << "\n";
        if (r.fromCache) {
            ctx.err << "dq: read from the cache (no training)\n";
            return;
        }
        for (std::size_t e = 0; e < r.epochLoss.size(); ++e)
            ctx.err << formatted("dq: epoch %zu/%zu: loss %.5f\n", e + 1, r.epochLoss.size(), r.epochLoss[e]);
        ctx.err << formatted("dq: trained in %.1f s (%.0f images/s on %s)\n", r.seconds, r.imagesPerSecond,
                             r.device.c_str());
    }

private:
    dq::MaeTrainParams params_;
    DatasetOptions dataset_;
    CacheOptions cache_;
};

} // namespace

std::unique_ptr<Command> makeMaeTrainCommand() { return std::make_unique<MaeTrainCommand>(); }

} // namespace dqcli
