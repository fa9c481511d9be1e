// dq evaluate: train fresh networks on training subsets (DQ's, random ones of the same
// class counts, the whole split, a ratio sweep) and test them, over several seeds.
#include "Command.h"
#include "OptionGroups.h"
#include "TextFormat.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/Progress.h"
#include "distributed/RankGroup.h"
#include "evaluation/EvaluationFolder.h"
#include "pixel/ImageCodec.h"
#include "common/JobContext.h"
#include "stages/torch/EvaluationStage.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <ostream>
#include <set>

namespace fs = std::filesystem;

namespace dqcli {
namespace {

struct EvaluateOptions {
    DatasetOptions dataset;
    CacheOptions cache;
    std::string bins, device = "auto", out;
    std::vector<std::string> subsets, randomLike, methods;
    std::string features, score;
    double ccsHard = 0.1;
    int scoreSeeds = 1;
    std::vector<double> ratios;
    std::vector<std::uint64_t> seeds{0, 1, 2};
    std::uint64_t sampleSeed = 0;
    bool full = false, noAugment = false, noFlip = false, noSweepRandom = false;
    dq::EvaluationRecipe recipe;
};

// NAME=codec:FORMAT@BYTES[:SOURCE]: the samples of SOURCE (an index file or a dq pixel
// folder; without it, the --subset before this one) stored as FORMAT in BYTES (a size, or
// "dq": the stored bytes of the paired dq pixel folder's quantized/).
dq::SubsetSpec parseCodecSubset(const std::string& name, const std::string& text, const std::string& previous)
{
    const std::string form = "'" + text + "': expected NAME=codec:jpeg@BYTES[:SOURCE] or codec:webp@BYTES[:SOURCE]";
    const std::string rest = text.substr(std::string("codec:").size());
    const auto at = rest.find('@');
    if (at == std::string::npos || at == 0 || at + 1 == rest.size())
        throw dq::UsageError("--subset", form);
    const std::string codec = rest.substr(0, at);
    dq::parseLossyCodec(codec, "subset", name);
    const auto colon = rest.find(':', at);
    const std::string bytesText = rest.substr(at + 1, colon == std::string::npos ? std::string::npos : colon - at - 1);
    const fs::path source = colon == std::string::npos ? fs::path() : fs::path(rest.substr(colon + 1));
    long long bytes = 0; // 0: DQ's stored bytes
    if (bytesText != "dq")
        bytes = parseByteSize(bytesText, "--subset " + name);
    std::error_code ec;
    if (!source.empty() && !fs::exists(source, ec))
        throw dq::UsageError("--subset", source.string() + ": no such file or folder");
    if (source.empty() && previous.empty())
        throw dq::UsageError("--subset", name + ": a codec subset without :SOURCE takes the samples of the --subset "
                                                "before it, and there is none");
    return dq::SubsetSpec::codecAtBytes(name, codec, bytes, source, source.empty() ? previous : std::string());
}

// NAME=FILE.npy (an index file), NAME=DIR (a folder of reconstructed images) or a codec
// subset (parseCodecSubset).
dq::SubsetSpec parseSubset(const std::string& text, const std::string& previous)
{
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
        throw dq::UsageError("--subset", "'" + text + "': expected NAME=FILE.npy, NAME=DIR or NAME=codec:jpeg@BYTES");
    const std::string name = text.substr(0, eq);
    if (text.compare(eq + 1, 6, "codec:") == 0)
        return parseCodecSubset(name, text.substr(eq + 1), previous);
    const fs::path path = text.substr(eq + 1);
    std::error_code ec;
    if (fs::is_directory(path, ec))
        return dq::SubsetSpec::reconstructed(name, path);
    if (fs::exists(path, ec))
        return dq::SubsetSpec::indexFile(name, path);
    throw dq::UsageError("--subset", path.string() + ": no such file or folder");
}

// --subset entries in the order given, each followed by its --random-like twin, then --full.
std::vector<dq::SubsetSpec> subsetsOf(const EvaluateOptions& o)
{
    std::vector<dq::SubsetSpec> out;
    std::set<std::string> named;
    std::string previous;
    for (const std::string& text : o.subsets) {
        out.push_back(parseSubset(text, previous));
        previous = out.back().name;
        named.insert(out.back().name);
        for (const std::string& like : o.randomLike)
            if (like == out.back().name)
                out.push_back(dq::SubsetSpec::randomLike(like));
    }
    for (const std::string& like : o.randomLike)
        if (!named.count(like))
            throw dq::UsageError("--random-like", "'" + like + "' names no --subset");
    if (o.full)
        out.push_back(dq::SubsetSpec::full());
    return out;
}

std::string percent(const dq::MeanStd& m, bool withStd)
{
    char buf[48];
    if (withStd)
        std::snprintf(buf, sizeof buf, "%.2f ± %.2f %%", 100 * m.mean, 100 * m.std);
    else
        std::snprintf(buf, sizeof buf, "%.2f %%", 100 * m.mean);
    return buf;
}

void printTable(std::ostream& out, const dq::EvaluationResult& r)
{
    const bool several = r.seeds.size() > 1;
    std::size_t nameWidth = 6;
    for (const auto& s : r.subsets)
        nameWidth = std::max(nameWidth, s.name.size());
    const std::string finalHead =
        several ? "final acc (mean ± std over " + std::to_string(r.seeds.size()) + " seeds)" : "final acc (1 seed)";
    out << formatted("%-*s  %8s  %-36s  %-18s  %7s\n", static_cast<int>(nameWidth), "subset", "images", finalHead.c_str(),
                     "best epoch*", "minutes");
    for (const auto& s : r.subsets) {
        // printf pads bytes, and "±" is two: pad by hand.
        const std::string f = percent(s.finalAccuracy, several), b = percent(s.bestAccuracy, several);
        auto padded = [](std::string t, std::size_t width) {
            const std::size_t shown = t.size() - (t.find("±") != std::string::npos ? 1 : 0);
            return t + std::string(width > shown ? width - shown : 0, ' ');
        };
        out << formatted("%-*s  %8lld  %s  %s  %7.1f\n", static_cast<int>(nameWidth), s.name.c_str(),
                         static_cast<long long>(s.images), padded(f, 36).c_str(), padded(b, 18).c_str(), s.seconds / 60);
    }
    out << "* best epoch: chosen on the test set, which flatters it; the final epoch is the headline.\n";
    for (const auto& s : r.subsets)
        if (s.kind == dq::SubsetKind::Codec)
            out << formatted("%s: %s\n", s.name.c_str(), s.source.c_str());
    const dq::EvaluationRecipe& p = r.recipe;
    out << formatted("recipe: %s%s, %d epochs, batch %d, SGD lr %g momentum %g%s weight decay %g, cosine; augment: %s; "
                     "device %s, %d threads\n",
                     p.model.c_str(), p.model == "convnet" ? (" width " + std::to_string(p.width)).c_str() : "", p.epochs,
                     p.batchSize, p.learningRate, p.momentum, p.nesterov ? " (Nesterov)" : "", p.weightDecay,
                     p.crop && p.flip ? "crop and flip"
                     : p.crop         ? "crop"
                     : p.flip         ? "flip"
                                      : "none",
                     r.device.c_str(), r.threads);
}

class EvaluateCommand : public Command {
public:
    const char* name() const override { return "evaluate"; }

    void declare(CLI::App& cmd) override
    {
        EvaluateOptions& o = o_;
        o.dataset.declare(cmd, 0, " with a test split");
        cmd.add_option("--subset", o.subsets,
                       "NAME=FILE.npy (indices into the training split, e.g. dq sample's) or NAME=DIR (reconstructed "
                       "images written by dq pixel or DQ Studio's export) or NAME=codec:jpeg|webp@BYTES[:SOURCE] (the "
                       "samples of SOURCE, or of the --subset before it, stored as JPEG or WebP in BYTES, e.g. 3.5M or dq: "
                       "the paired dq pixel folder's stored bytes); repeat for several");
        cmd.add_option("--random-like", o.randomLike,
                       "A random subset with the class counts of the subset NAME, drawn anew for every seed "
                       "(named random-NAME); repeat for several");
        cmd.add_flag("--full", o.full, "Also train on the whole training split");
        cmd.add_option("--bins", o.bins, "Bins folder (dq bins) for a ratio sweep");
        cmd.add_option("--ratios", o.ratios, "Keep ratios of the sweep, e.g. 0.01,0.05,0.125,0.25")->delimiter(',');
        cmd.add_option("--sample-seed", o.sampleSeed, "Seed of the sweep's bin sampling (as dq sample --seed)")
            ->capture_default_str();
        cmd.add_flag("--no-sweep-random", o.noSweepRandom, "Sweep without a random subset beside every ratio");
        cmd.add_option("--methods", o.methods,
                       "Compare selection methods at every ratio, e.g. dq,random,kcenter,herding,el2n (dq needs --bins, "
                       "the others --features; all get DQ's per-class budgets)")
            ->delimiter(',');
        cmd.add_option("--features", o.features, "Features folder of the training split (dq features) for --methods");
        cmd.add_option("--score", o.score, "--methods uncertainty or ccs: the score (as dq select --score)");
        cmd.add_option("--ccs-hard-fraction", o.ccsHard, "--methods ccs: the hardest fraction pruned first")
            ->capture_default_str();
        cmd.add_option("--score-seeds", o.scoreSeeds,
                       "--methods el2n, grand (or ccs over them): average the score over N selection trainings, "
                       "as dq select --score-seeds")
            ->capture_default_str();
        cmd.add_option("--model", o.recipe.model,
                       "convnet | resnet18 (the CIFAR form) | torchscript:FILE (its architecture, initialised afresh)")
            ->capture_default_str();
        cmd.add_option("--width", o.recipe.width, "ConvNet's channels per block (128 in the distillation papers)")
            ->capture_default_str();
        cmd.add_option("--epochs", o.recipe.epochs, "Training epochs (the reference trains 200)")->capture_default_str();
        cmd.add_option("--batch", o.recipe.batchSize, "Batch size (the reference uses 16 below a 10% keep ratio)")
            ->capture_default_str();
        cmd.add_option("--lr", o.recipe.learningRate, "Initial learning rate (cosine annealed to 0 over all steps)")
            ->capture_default_str();
        cmd.add_option("--momentum", o.recipe.momentum, "SGD momentum")->capture_default_str();
        cmd.add_option("--weight-decay", o.recipe.weightDecay, "SGD weight decay")->capture_default_str();
        cmd.add_flag("--nesterov", o.recipe.nesterov, "Nesterov momentum (DeepCore's; the reference's is plain)");
        cmd.add_flag("--no-augment", o.noAugment, "Neither random crop nor flip");
        cmd.add_flag("--no-flip", o.noFlip, "No random horizontal flip (e.g. for digits)");
        cmd.add_option("--seeds", o.seeds, "Seeds: initial weights, order, augmentation, random draws")
            ->delimiter(',')
            ->capture_default_str();
        declareDeviceOption(cmd, o.device);
        o.cache.declare(cmd);
        cmd.add_option("--out,-o", o.out, "Output folder: evaluation.json and curves.csv")->required();
        cmd.add_flag("--json", "Print evaluation.json on stdout instead of the table");
    }

    void run(RunContext& ctx) override
    {
        const EvaluateOptions& o = o_;
        dq::EvaluationParams p;
        p.datasetSpec = o.dataset.spec;
        p.subsets = subsetsOf(o);
        p.bins = o.bins;
        p.ratios = o.ratios;
        p.sampleSeed = o.sampleSeed;
        p.sweepRandom = !o.noSweepRandom;
        p.methods = o.methods;
        p.features = o.features;
        if (!o.score.empty()) {
            p.selection.score = dq::parseScoreKind(o.score);
            p.selection.scoreGiven = true;
        }
        p.selection.ccsHardFraction = o.ccsHard;
        p.scoreSeeds = o.scoreSeeds;
        p.recipe = o.recipe;
        p.recipe.crop = !o.noAugment;
        p.recipe.flip = !o.noAugment && !o.noFlip;
        p.seeds = o.seeds;
        p.device = o.device;
        o.cache.fill(p);
        dq::refuseForeignFolder(o.out, dq::kEvaluationManifest); // before hours of training, not after
        dq::JobContext context(ctx.progress, ctx.cancel, ctx.noteSink());
        const dq::EvaluationResult r = dq::runEvaluation(p, context);
        ctx.cancel.throwIfCancelled();
        // Across ranks every rank holds every run; rank 0 writes once all are done.
        dq::RankGroup& group = dq::rankGroup();
        group.commitOnRankZero([&] { dq::writeEvaluationFolder(o.out, r); });
        if (group.rank() != 0)
            return;
        if (ctx.json) {
            ctx.out << dq::evaluationJson(r) << std::flush;
            return;
        }
        ctx.out << (fs::path(o.out) / dq::kEvaluationManifest).string() << "\n"
                << (fs::path(o.out) / "curves.csv").string() << "\n";
        printTable(ctx.out, r);
    }

private:
    EvaluateOptions o_;
};

} // namespace

std::unique_ptr<Command> makeEvaluateCommand() { return std::make_unique<EvaluateCommand>(); }

} // namespace dqcli
