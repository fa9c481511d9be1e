// dq features: per-sample features of a dataset (gradient factors, embeddings or pixels)
// from a built-in or TorchScript network, optionally trained first; cached.
#include "Command.h"
#include "OptionGroups.h"

#include "common/Progress.h"
#include "distributed/RankGroup.h"
#include "common/JobContext.h"
#include "stages/torch/FeaturesStage.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <memory>
#include <ostream>

namespace dqcli {
namespace {

nlohmann::json resultJson(const dq::FeaturesResult& r, const std::vector<dq::Note>& notes)
{
    auto str = [](const std::filesystem::path& p) {
        return p.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.string());
    };
    nlohmann::json j;
    j["out"] = r.folder.string();
    j["manifest"] = (r.folder / "features.json").string();
    j["mode"] = dq::featureModeName(r.mode);
    j["rows"] = r.rows;
    j["classes"] = r.classes;
    j["dim"] = r.dim;
    j["files"] = {{"b", str(r.b)},
                  {"e", str(r.e)},
                  {"features", str(r.features)},
                  {"logits", str(r.logits)},
                  {"labels", str(r.labels)}};
    j["device"] = r.device;
    j["from_cache"] = r.fromCache;
    j["weights_from_cache"] = r.weightsFromCache;
    j["cache_key"] = r.cacheKey;
    j["epoch_loss"] = r.epochLoss;
    j["seconds"] = {{"train", r.trainSeconds}, {"extract", r.extractSeconds}, {"total", r.totalSeconds}};
    j["images_per_second"] = {{"train", r.trainImagesPerSecond}, {"extract", r.extractImagesPerSecond}};
    j["notes"] = dq::noteTexts(notes);
    return j;
}

class FeaturesCommand : public Command {
public:
    const char* name() const override { return "features"; }

    void declare(CLI::App& cmd) override
    {
        dataset_.declare(cmd, DatasetOptions::kSplit | DatasetOptions::kLimit);
        network_.declare(cmd);
        cmd.add_option("--seed", seed_, "Seed of the initial weights and the training order")->capture_default_str();
        cache_.declare(cmd);
        cmd.add_option("--out,-o", out_, "Output folder")->required();
        cmd.add_flag("--json", "Print the result as JSON");
    }

    void run(RunContext& ctx) override
    {
        dq::FeaturesParams p;
        dataset_.fill(p);
        network_.fill(p.network);
        cache_.fill(p.network);
        p.network.seed = seed_;
        p.network.out = out_;
        dq::JobContext job(ctx.progress, ctx.cancel, ctx.noteSink());
        const dq::FeaturesResult r = dq::runFeatures(p, job);
        if (dq::rankGroup().rank() != 0)
            return; // across ranks rank 0 wrote the folder and says so
        if (ctx.json) {
            ctx.out << resultJson(r, job.notes()).dump(2) << std::endl;
            return;
        }
        for (const auto& f : {r.b, r.e, r.features, r.logits, r.labels})
            if (!f.empty())
                ctx.out << f.string() << "\n";
        ctx.out << (r.folder / "features.json").string() << "\n";
        ctx.err << "dq: " << r.rows << " samples, " << dq::featureModeName(r.mode) << " features (dim " << r.dim << ")"
                << (r.fromCache ? ", read from the cache" : "") << "\n";
    }

private:
    DatasetOptions dataset_;
    FeatureOptions network_{"convnet"};
    CacheOptions cache_;
    std::uint64_t seed_ = 0;
    std::string out_;
};

} // namespace

std::unique_ptr<Command> makeFeaturesCommand() { return std::make_unique<FeaturesCommand>(); }

} // namespace dqcli
