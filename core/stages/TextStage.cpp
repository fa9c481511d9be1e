#include "stages/TextStage.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "stages/BinsStage.h"
#include "common/JobContext.h"

#include <chrono>

namespace dq {

TextBinsResult runTextBins(const TextBinsParams& p, JobContext& ctx)
{
    if (!p.embeddings)
        throw Error("embeddings", "missing: compute the embeddings first");
    checkInstructionBins(*p.embeddings, p.records, p.text);
    BinsParams bins;
    bins.source.matrix = p.embeddings;
    bins.source.source = "embeddings";
    bins.source.dropLabels = true;
    bins.engine = instructionBinParams(p.text);
    bins.kernel = p.text.kernel;
    bins.name = "text";
    bins.cacheDir = p.text.cacheDir;
    bins.useCache = p.text.useCache;
    bins.reuseCache = p.text.reuseCache;
    BinsResult r = runBins(bins, ctx);
    TextBinsResult out;
    out.selection = instructionBinsSelection(r.bins, p.records, p.text);
    out.bins = std::move(r.bins);
    out.fromCache = r.fromCache;
    out.folder = std::move(r.folder);
    return out;
}

TextSelection runTextSample(const std::vector<std::vector<std::int64_t>>& bins, std::int64_t records,
                            const TextPipelineParams& p, JobContext& ctx)
{
    ctx.progress().setStage("sample", 1);
    TextSelection s;
    sampleInstructions(bins, records, p, s);
    ctx.cancel().throwIfCancelled();
    ctx.progress().advance();
    ctx.progress().finishStage();
    return s;
}

TextRun runText(const TextPipelineParams& p, JobContext& ctx, bool* binsFromCache)
{
    const auto start = std::chrono::steady_clock::now();
    TextRun run = prepareTextRun(p, ctx.progress(), ctx.cancel());
    const std::int64_t n = run.data.size();
    if (p.random) {
        run.selection = selectInstructions(NpyArray(), n, p, ctx.progress(), ctx.cancel());
    } else {
        checkInstructionSample(n, p); // a ratio that keeps nothing fails before the bins
        TextBinsParams bp;
        bp.embeddings = std::make_shared<const NpyArray>(std::move(run.embeddings.matrix));
        bp.records = n;
        bp.text = p;
        TextBinsResult bins = runTextBins(bp, ctx);
        ctx.cancel().throwIfCancelled();
        TextSelection drawn = runTextSample(bins.bins.bins, n, p, ctx);
        run.selection = std::move(bins.selection);
        run.selection.perBinSample = drawn.perBinSample;
        run.selection.indices = std::move(drawn.indices);
        run.selection.perBin = std::move(drawn.perBin);
        run.selection.trueRatio = drawn.trueRatio;
        run.selection.sampleSeconds = drawn.sampleSeconds;
        if (binsFromCache)
            *binsFromCache = bins.fromCache;
    }
    run.embeddings.matrix = NpyArray();
    for (const auto& w : run.selection.warnings)
        run.warnings.push_back(w);
    run.totalSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return run;
}

} // namespace dq
