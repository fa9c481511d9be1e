// dq features: per-sample features of a dataset (gradient factors, embeddings or pixels)
// from a built-in or TorchScript network, optionally trained first; cached.
#include "Command.h"
#include "CommandCatalog.h"

#include "common/Progress.h"
#include "distributed/RankGroup.h"
#include "stages/JobContext.h"
#include "stages/torch/FeaturesStage.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace dqcli {
namespace {

struct FeaturesOptions {
    std::string dataset, split = "train", model = "convnet", weights, mode = "auto", device = "auto";
    std::string cacheDir, out;
    int epochs = 0, batch = 256, imageSize = 0;
    std::uint64_t seed = 0;
    std::int64_t limit = 0;
    bool noCache = false;
};

// dq features' notes on stderr as they come, the code first (scripts match it).
void printNote(const dq::Note& n) { std::cerr << "dq: note: [" << n.code << "] " << n.text << std::endl; }

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

dq::FeatureParams featureParams(const FeaturesOptions& o)
{
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
    p.out = o.out;
    return p;
}

} // namespace

CommandRunner registerFeaturesCommand(CLI::App& parent)
{
    auto o = std::make_shared<FeaturesOptions>();
    CLI::App* cmd = parent.add_subcommand("features", commandDescription("features"));
    cmd->add_option("--dataset", o->dataset, "A dataset spec")->required();
    cmd->add_option("--split", o->split, "train or test")->capture_default_str();
    cmd->add_option("--model", o->model, "convnet | resnet18 | resnet18-imagenet | pixels | torchscript:FILE")
        ->capture_default_str();
    cmd->add_option("--weights", o->weights, "PyTorch state_dict (.pth) for a built-in model");
    cmd->add_option("--epochs", o->epochs, "Selection training epochs before extraction")->capture_default_str();
    cmd->add_option("--mode", o->mode, "gradient | embedding | pixels (auto: gradient, pixels for --model pixels)")
        ->capture_default_str();
    cmd->add_option("--device", o->device, "auto | cpu | cuda | cuda:N")->capture_default_str();
    cmd->add_option("--batch", o->batch, "Inference batch size")->capture_default_str();
    cmd->add_option("--image-size", o->imageSize, "Square input size (0: the model's or the data's)")->capture_default_str();
    cmd->add_option("--seed", o->seed, "Seed of the initial weights and the training order")->capture_default_str();
    cmd->add_option("--limit", o->limit, "Only the first N samples (0: all)")->capture_default_str();
    cmd->add_option("--cache-dir", o->cacheDir, "Cache folder (default $XDG_CACHE_HOME/dq-studio or ~/.cache/dq-studio)");
    cmd->add_flag("--no-cache", o->noCache, "Recompute even when the cache holds the result (and refresh it)");
    cmd->add_option("--out,-o", o->out, "Output folder")->required();
    cmd->add_flag("--json", "Print the result as JSON");
    return [o](RunContext& ctx) {
        dq::FeaturesParams p;
        p.spec = o->dataset;
        p.split = o->split;
        p.network = featureParams(*o);
        dq::JobContext job(ctx.progress, ctx.cancel, printNote);
        const dq::FeaturesResult r = dq::runFeatures(p, job);
        if (dq::rankGroup().rank() != 0)
            return; // across ranks rank 0 wrote the folder and says so
        if (ctx.json) {
            std::cout << resultJson(r, job.notes()).dump(2) << std::endl;
            return;
        }
        for (const auto& f : {r.b, r.e, r.features, r.logits, r.labels})
            if (!f.empty())
                std::cout << f.string() << "\n";
        std::cout << (r.folder / "features.json").string() << "\n";
        std::cerr << "dq: " << r.rows << " samples, " << dq::featureModeName(r.mode) << " features (dim " << r.dim << ")"
                  << (r.fromCache ? ", read from the cache" : "") << "\n";
    };
}

} // namespace dqcli
