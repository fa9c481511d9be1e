#include "text/TextPipeline.h"

#include "bins/BinGenerator.h"
#include "bins/internal/BinInputs.h"
#include "bins/BinSampler.h"
#include "common/CacheDir.h"
#include "common/Error.h"
#include "common/FieldError.h"
#include "common/Progress.h"
#include "text/EmbeddingCache.h"
#include "text/internal/InstructionChecks.h"
#include "text/InstructionReader.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

namespace fs = std::filesystem;

namespace dq {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

void validate(std::int64_t n, const TextPipelineParams& p)
{
    if (!(p.ratio > 0.0 && p.ratio <= 1.0) || !std::isfinite(p.ratio))
        throw FieldError("ratio", "must lie in (0, 1], got " + std::to_string(p.ratio));
    if (p.bins < 1)
        throw FieldError("bins", "must be at least 1, got " + std::to_string(p.bins));
    if (p.bins > n)
        throw FieldError("bins", std::to_string(p.bins) + " bins for " + std::to_string(n) + " records");
}

// Rows of zero length (a record without tokens under TF-IDF): similar to nothing.
void warnZeroRows(const NpyArray& m, const InstructionDataset& data, std::vector<Note>& warnings)
{
    RecordIssues issues;
    const float* p = m.data<float>();
    const std::int64_t d = m.shape[1];
    for (std::int64_t i = 0; i < m.shape[0]; ++i)
        if (std::all_of(p + i * d, p + (i + 1) * d, [](float v) { return v == 0.0f; }))
            issues.add({"text.zero-embedding", {}, "all-zero embedding (for TF-IDF: no tokens; similar to no other record)"},
                       i);
    for (auto& w : issues.messages(data))
        warnings.push_back(std::move(w));
}

// The dot kernel is the reference's choice for unit-length embeddings; longer rows weigh more.
void warnNonUnitRows(const NpyArray& m, Kernel kernel, std::vector<Note>& warnings)
{
    if (kernel != Kernel::Dot)
        return;
    const float* p = m.data<float>();
    const std::int64_t d = m.shape[1];
    double lo = INFINITY, hi = 0;
    for (std::int64_t i = 0; i < m.shape[0]; ++i) {
        double s = 0;
        for (std::int64_t k = 0; k < d; ++k)
            s += static_cast<double>(p[i * d + k]) * p[i * d + k];
        if (s == 0)
            continue;
        lo = std::min(lo, std::sqrt(s));
        hi = std::max(hi, std::sqrt(s));
    }
    if (hi > 0 && (lo < 0.99 || hi > 1.01))
        warnings.push_back({"text.non-unit-embeddings", "kernel",
                            "embedding rows are not unit length (norms " + std::to_string(lo) + " to " + std::to_string(hi) +
                                "); the dot kernel favours long rows (the cosine kernel normalises them)"});
}

} // namespace

std::int64_t referencePerBinSample(std::int64_t records, double ratio, int bins)
{
    // Python: n = int(len(data) * ratio); bins_n = int(n / k). Both truncate toward zero.
    const auto n = static_cast<std::int64_t>(std::trunc(static_cast<double>(records) * ratio));
    return static_cast<std::int64_t>(std::trunc(static_cast<double>(n) / static_cast<double>(bins)));
}

std::int64_t checkInstructionSample(std::int64_t records, const TextPipelineParams& p)
{
    validate(records, p);
    const std::int64_t perBin = referencePerBinSample(records, p.ratio, p.bins);
    if (perBin < 1)
        throw FieldError("ratio", "keeps no record: int(int(N * ratio) / K) = 0 for N = " + std::to_string(records) +
                                      ", ratio " + std::to_string(p.ratio) + ", K = " + std::to_string(p.bins) +
                                      " bins; raise the ratio or lower the bins");
    return perBin;
}

void checkInstructionBins(const NpyArray& embeddings, std::int64_t records, const TextPipelineParams& p)
{
    if (p.bins < 1)
        throw FieldError("bins", "must be at least 1, got " + std::to_string(p.bins));
    if (p.bins > records)
        throw FieldError("bins", std::to_string(p.bins) + " bins for " + std::to_string(records) + " records");
    if (embeddings.shape.size() != 2 || embeddings.shape[0] != records)
        throw Error("embeddings", "expected " + std::to_string(records) + " rows");
}

BinParams instructionBinParams(const TextPipelineParams& p)
{
    BinParams bp;
    bp.bins = p.bins;
    bp.balance = false;
    bp.greedy.kind = p.greedy;
    bp.greedy.seed = p.seed;
    bp.threads = p.threads;
    return bp;
}

TextSelection instructionBinsSelection(const BinResult& r, std::int64_t records, const TextPipelineParams& p)
{
    TextSelection s;
    s.method = "dq";
    s.unassigned = records - (records / p.bins) * p.bins;
    s.binSeconds = r.seconds;
    s.exact = r.exact;
    s.exactness = r.exactness;
    s.greedyUsed = r.greedyUsed;
    // The engine's zero-row warning speaks of cosines; warnZeroRows names the records.
    for (const auto& w : r.warnings)
        if (w.code != "bins.zero-rows")
            s.warnings.push_back(w);
    s.binOf.assign(static_cast<std::size_t>(records), -1);
    for (std::size_t b = 0; b < r.bins.size(); ++b) {
        s.binSizes.push_back(static_cast<std::int64_t>(r.bins[b].size()));
        for (const std::int64_t i : r.bins[b])
            s.binOf[static_cast<std::size_t>(i)] = static_cast<int>(b);
    }
    return s;
}

TextSelection binInstructions(NpyArray embeddings, std::int64_t records, const TextPipelineParams& p, Progress& progress,
                              const CancelToken& cancel, BinResult* engineResult)
{
    checkInstructionBins(embeddings, records, p);
    BinInputs in = denseInputsFromArray(std::move(embeddings), {}, "embeddings", p.kernel);
    BinResult r = generateBins(*in.space, {}, instructionBinParams(p), progress, cancel);
    TextSelection s = instructionBinsSelection(r, records, p);
    if (engineResult)
        *engineResult = std::move(r);
    return s;
}

void sampleInstructions(const std::vector<std::vector<std::int64_t>>& bins, std::int64_t records,
                        const TextPipelineParams& p, TextSelection& s)
{
    s.perBinSample = checkInstructionSample(records, p);
    const std::int64_t budget = records / p.bins;
    const std::int64_t total = s.perBinSample * p.bins;
    const auto t0 = Clock::now();
    if (p.random) {
        // One bin holding everything; the ratio total / N makes round(ratio * N) == total.
        std::vector<std::int64_t> all(static_cast<std::size_t>(records));
        std::iota(all.begin(), all.end(), 0);
        const SampleResult r = sampleBins({all}, {}, records, static_cast<double>(total) / records, p.seed);
        s.indices = r.indices;
        s.perBin = {static_cast<std::int64_t>(r.indices.size())};
    } else {
        if (static_cast<int>(bins.size()) != p.bins)
            throw Error("bins", std::to_string(bins.size()) + " bins where " + std::to_string(p.bins) +
                                    " were asked: run the bins again");
        // Every bin holds N // K records; this ratio makes sampleBins' round(ratio * count)
        // exactly the reference's count.
        const double ratio = static_cast<double>(s.perBinSample) / static_cast<double>(budget);
        const SampleResult r = sampleBins(bins, {}, records, ratio, p.seed);
        s.indices = r.indices;
        s.perBin = r.perBin;
    }
    std::sort(s.indices.begin(), s.indices.end());
    s.sampleSeconds = secondsSince(t0);
    if (static_cast<std::int64_t>(s.indices.size()) != total)
        throw Error("sampling", "internal error: drew " + std::to_string(s.indices.size()) + " records instead of " +
                                    std::to_string(total));
    s.trueRatio = static_cast<double>(s.indices.size()) / static_cast<double>(records);
}

TextSelection selectInstructions(NpyArray embeddings, std::int64_t records, const TextPipelineParams& p, Progress& progress,
                                 const CancelToken& cancel)
{
    checkInstructionSample(records, p); // a ratio that keeps nothing fails before the bins
    if (p.random) {
        TextSelection s;
        s.method = "random";
        s.unassigned = records - (records / p.bins) * p.bins;
        sampleInstructions({}, records, p, s);
        return s;
    }
    BinResult bins;
    TextSelection s = binInstructions(std::move(embeddings), records, p, progress, cancel, &bins);
    cancel.throwIfCancelled();
    sampleInstructions(bins.bins, records, p, s);
    return s;
}

TextRun prepareTextRun(const TextPipelineParams& p, Progress& progress, const CancelToken& cancel)
{
    const auto start = Clock::now();
    TextRun run;
    progress.setStage("read", 0);
    run.data = readInstructionDataset(p.data, p.read);
    progress.finishStage();
    run.readSeconds = secondsSince(start);
    run.warnings = run.data.warnings;
    validate(run.data.size(), p);
    cancel.throwIfCancelled();

    const bool needEmbeddings = !p.random || p.embedding.kind == TextEmbeddingKind::File;
    if (!p.random && p.embedding.kind == TextEmbeddingKind::None)
        throw FieldError("embeddings", "give an embeddings file (.npy) or an embedding method (tfidf or "
                                       "torchscript:MODEL.pt), or ask for a random subset");
    if (needEmbeddings) {
        TextEmbeddingSpec spec = p.embedding;
        spec.tfidf.threads = p.threads;
        const EmbeddingCache cache(!p.useCache ? fs::path() : p.cacheDir.empty() ? defaultCacheDir() : p.cacheDir);
        run.embeddings = loadTextEmbeddings(run.data, spec, cache, p.reuseCache, progress, cancel);
        run.embedded = true;
        for (const auto& w : run.embeddings.warnings)
            run.warnings.push_back(w);
        if (!p.random) {
            warnZeroRows(run.embeddings.matrix, run.data, run.warnings);
            warnNonUnitRows(run.embeddings.matrix, p.kernel, run.warnings);
        }
    } else {
        run.embeddings.kind = p.embedding.kind;
    }
    cancel.throwIfCancelled();
    run.totalSeconds = secondsSince(start);
    return run;
}

TextRun runTextPipeline(const TextPipelineParams& p, Progress& progress, const CancelToken& cancel)
{
    const auto start = Clock::now();
    TextRun run = prepareTextRun(p, progress, cancel);
    run.selection = selectInstructions(std::move(run.embeddings.matrix), run.data.size(), p, progress, cancel);
    run.embeddings.matrix = NpyArray();
    for (const auto& w : run.selection.warnings)
        run.warnings.push_back(w);
    run.totalSeconds = secondsSince(start);
    return run;
}

} // namespace dq
