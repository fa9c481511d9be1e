// dq text: dataset quantization of instruction data (Alpaca-style JSON or JSON Lines).
#include "Command.h"
#include "OptionGroups.h"
#include "TextFormat.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "common/JobContext.h"
#include "stages/TextStage.h"
#include "text/TextPipeline.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <memory>
#include <ostream>

namespace dqcli {
namespace {

struct TextOptions {
    std::string data, format = "auto", fields, embeddings, embed, kernel = "dot", greedy = "lazy";
    std::string out;
    CacheOptions cache;
    std::int64_t dim = 512;
    std::uint64_t projectionSeed = 0, seed = 0;
    int batchSize = 64, bins = 10;
    double ratio = 0.1;
    bool random = false;
};

dq::TextPipelineParams toParams(const TextOptions& o)
{
    dq::TextPipelineParams p;
    p.data = o.data;
    p.read.format = dq::parseInstructionFormat(o.format);
    if (!o.fields.empty())
        p.read.fields = dq::InstructionFields::parse(o.fields);
    p.embedding = dq::TextEmbeddingSpec::fromOptions(o.embeddings, o.embed);
    if (o.dim < 1 || o.dim > 65536)
        throw dq::UsageError("--dim", "must lie in 1 .. 65536, got " + std::to_string(o.dim));
    p.embedding.tfidf.dim = o.dim;
    p.embedding.tfidf.seed = o.projectionSeed;
    p.embedding.batchSize = o.batchSize;
    o.cache.fill(p);
    p.ratio = o.ratio;
    p.bins = o.bins;
    p.kernel = dq::parseKernel(o.kernel);
    p.greedy = dq::parseGreedy(o.greedy);
    if (p.greedy == dq::GreedyKind::Stochastic || p.greedy == dq::GreedyKind::ApproximateLazy)
        throw dq::UsageError("--greedy", "dq text supports naive and lazy (which picks exactly what naive picks)");
    p.random = o.random;
    p.seed = o.seed;
    return p;
}

void printResult(RunContext& ctx, const dq::TextRun& run, bool binsFromCache, const dq::TextOutputPaths& paths)
{
    const dq::TextSelection& s = run.selection;
    if (ctx.json) {
        nlohmann::json j{{"subset", paths.subset.string()},
                         {"indices", paths.indices.string()},
                         {"manifest", paths.meta.string()},
                         {"method", s.method},
                         {"records", run.data.size()},
                         {"selected", s.indices.size()},
                         {"true_ratio", s.trueRatio},
                         {"per_bin", s.perBin},
                         {"embeddings_from_cache", run.embeddings.fromCache},
                         {"bins_from_cache", binsFromCache},
                         {"warnings", dq::noteTexts(run.warnings)},
                         {"seconds", run.totalSeconds}};
        ctx.out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << std::endl;
    } else {
        ctx.out << paths.subset.string() << "\t" << s.indices.size() << "\n"
                << paths.indices.string() << "\n"
                << paths.meta.string() << "\n";
        ctx.out << formatted("kept %zu of %lld records (%s): true ratio %.6f\n", s.indices.size(),
                             static_cast<long long>(run.data.size()), s.method == "dq" ? "dataset quantization" : "random",
                             s.trueRatio)
                << std::flush;
        if (binsFromCache)
            ctx.err << "dq: bins from the cache\n";
    }
    for (const auto& w : run.warnings)
        ctx.err << "dq: warning: " << w.text << "\n";
}

class TextCommand : public Command {
public:
    const char* name() const override { return "text"; }

    void declare(CLI::App& cmd) override
    {
        TextOptions& o = o_;
        cmd.add_option("--data", o.data, "Instruction data: a JSON list of records or JSON Lines")->required();
        cmd.add_option("--format", o.format, "auto | json | jsonl")->capture_default_str();
        cmd.add_option("--fields", o.fields,
                       "Field names INSTRUCTION,INPUT,OUTPUT (or INSTRUCTION,OUTPUT); default instruction,input,output");
        cmd.add_option("--embeddings", o.embeddings, "N x D float32/float64 .npy, one row per record");
        cmd.add_option("--embed", o.embed, "Compute embeddings: tfidf | torchscript:MODEL.pt");
        cmd.add_option("--dim", o.dim, "Dimensions of the TF-IDF projection")->capture_default_str();
        cmd.add_option("--projection-seed", o.projectionSeed, "Seed of the TF-IDF projection")->capture_default_str();
        cmd.add_option("--batch-size", o.batchSize, "Texts per forward call of a TorchScript encoder")->capture_default_str();
        o.cache.declare(cmd);
        cmd.add_option("--ratio,-r", o.ratio, "Fraction of the records to keep, in (0, 1]")->capture_default_str();
        cmd.add_option("--bins,-k", o.bins, "Number of bins K")->capture_default_str();
        cmd.add_option("--kernel", o.kernel, "dot (the reference's) | cosine (0.5 + 0.5 cos)")->capture_default_str();
        cmd.add_option("--greedy", o.greedy, "lazy | naive (same bins; lazy is faster)")->capture_default_str();
        cmd.add_option("--seed", o.seed, "Seed of the sampling")->capture_default_str();
        cmd.add_flag("--random", o.random, "A uniformly random subset of the same size (the ablation baseline)");
        cmd.add_option("--out,-o", o.out, "Output subset OUT.json; also writes OUT.indices.npy and OUT.json.meta.json")
            ->required();
        cmd.add_flag("--json", "Print the result as JSON");
    }

    void run(RunContext& ctx) override
    {
        const dq::TextPipelineParams p = toParams(o_);
        const dq::TextOutputPaths paths = dq::TextOutputPaths::forOutput(o_.out);
        dq::checkTextOutputs(paths, p.data);
        dq::JobContext job(ctx.progress, ctx.cancel, ctx.noteSink());
        bool binsFromCache = false;
        const dq::TextRun run = dq::runText(p, job, &binsFromCache);
        ctx.cancel.throwIfCancelled();
        ctx.progress.setStage("write", 0);
        dq::writeTextOutputs(paths, run, p);
        ctx.progress.finishStage();
        printResult(ctx, run, binsFromCache, paths);
    }

private:
    TextOptions o_;
};

} // namespace

std::unique_ptr<Command> makeTextCommand() { return std::make_unique<TextCommand>(); }

} // namespace dqcli
