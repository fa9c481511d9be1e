#pragma once
#include "common/Note.h"
#include "io/Npy.h"
#include "submodular/Greedy.h"
#include "submodular/SimilaritySpace.h"
#include "text/InstructionDataset.h"
#include "text/InstructionReader.h"
#include "text/TextEmbeddings.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace dq {

class Progress;
class CancelToken;
struct BinResult;
struct BinParams;

// Dataset quantization of instruction data (dq-reference.md sections 5 and 6, the
// unbalanced form of the reference's alpaca_sample.py): K bins of N // K records each by
// GraphCut over one pool, then int(int(N * ratio) / K) records drawn uniformly from every
// bin. The N mod K records left over belong to no bin and are never selected.
struct TextPipelineParams {
    std::filesystem::path data;
    InstructionReadOptions read;
    TextEmbeddingSpec embedding;
    std::filesystem::path cacheDir; // of computed embeddings; empty: defaultCacheDir() (~/.cache/dq-studio)
    bool useCache = true; // false: neither read nor write a cache
    bool reuseCache = true; // false (--no-cache): recompute, then refresh the cache entry
    double ratio = 0.1;
    int bins = 10;
    Kernel kernel = Kernel::Dot; // the reference's choice for text
    GreedyKind greedy = GreedyKind::Lazy;
    bool random = false; // the ablation baseline: a uniform subset of the same size
    std::uint64_t seed = 0; // of the sampling
    int threads = 0;
};

struct TextSelection {
    std::string method; // "dq" or "random"
    std::vector<std::int64_t> indices; // ascending (input order)
    std::vector<int> binOf; // per record: its bin, or -1 (the N mod K left over); empty for random
    std::vector<std::int64_t> binSizes; // N // K each
    std::vector<std::int64_t> perBin; // drawn from each bin
    std::int64_t perBinSample = 0; // int(int(N * ratio) / K)
    std::int64_t unassigned = 0; // N mod K
    double trueRatio = 0;
    bool exact = true; // the bins equal the naive greedy's
    std::string exactness, greedyUsed;
    std::vector<Note> warnings;
    double binSeconds = 0, sampleSeconds = 0;
};

struct TextRun {
    InstructionDataset data;
    TextEmbeddings embeddings; // matrix moved into the engine: empty after the run
    bool embedded = false; // false for --random without --embeddings
    TextSelection selection;
    double readSeconds = 0, totalSeconds = 0;
    std::vector<Note> warnings; // of all stages
};

// The reference's per-bin sample, int(int(N * ratio) / K) (alpaca_sample.py). dq sample's
// round(ratio * (N // K)) agrees for most ratios (0.01, 0.05, 0.1, 0.2 on Alpaca) but not
// all: for N = 52002, K = 10, ratio 0.123 the reference draws 639, rounding 640.
std::int64_t referencePerBinSample(std::int64_t records, double ratio, int bins);

// The two stages of selectInstructions, for DQ Studio's Bins and Sample stages.
// binInstructions: K bins of N // K records by the engine over one pool (params' bins,
// kernel, greedy, seed, threads); fills method, binOf, binSizes, unassigned, exactness,
// warnings and binSeconds, and the engine's whole result (the bins, their statistics)
// into `engineResult` when given.
TextSelection binInstructions(NpyArray embeddings, std::int64_t records, const TextPipelineParams& params,
                              Progress& progress, const CancelToken& cancel, BinResult* engineResult = nullptr);
// sampleInstructions: the reference's int(int(N * ratio) / K) from every bin (or that many
// in all from the whole set when params.random, `bins` unused); fills perBinSample,
// indices (ascending), perBin, trueRatio and sampleSeconds.
void sampleInstructions(const std::vector<std::vector<std::int64_t>>& bins, std::int64_t records,
                        const TextPipelineParams& params, TextSelection& selection);

// The pieces of binInstructions, for the stage layer (core/stages/TextStage.h) that runs
// the same bins through the shared stage cache: the checks of the parameters against the
// embeddings, the engine's parameters, and the selection's bins part from the engine's result.
void checkInstructionBins(const NpyArray& embeddings, std::int64_t records, const TextPipelineParams& params);
// The per-bin sample of `records`, or a FieldError (ratio, bins) when it keeps nothing.
std::int64_t checkInstructionSample(std::int64_t records, const TextPipelineParams& params);
BinParams instructionBinParams(const TextPipelineParams& params);
TextSelection instructionBinsSelection(const BinResult& engineResult, std::int64_t records,
                                       const TextPipelineParams& params);

// Bins and samples from embeddings (N x D float32, moved in), or a random subset of the
// same size when params.random (embeddings may then be empty).
TextSelection selectInstructions(NpyArray embeddings, std::int64_t records, const TextPipelineParams& params,
                                 Progress& progress, const CancelToken& cancel);

// Reads the data and loads or computes the embeddings (none for --random without a file);
// checks the parameters first. The selection is left to the caller.
TextRun prepareTextRun(const TextPipelineParams& params, Progress& progress, const CancelToken& cancel);

// Reads the data, loads or computes the embeddings, selects.
TextRun runTextPipeline(const TextPipelineParams& params, Progress& progress, const CancelToken& cancel);

struct TextOutputPaths {
    std::filesystem::path subset; // OUT.json (the records, in the input's format and layout)
    std::filesystem::path indices; // OUT.indices.npy (int64, ascending)
    std::filesystem::path meta; // OUT.json.meta.json
    static TextOutputPaths forOutput(const std::filesystem::path& out);
};

// Throws UsageError naming --out when an output would replace the data file.
void checkTextOutputs(const TextOutputPaths& paths, const std::filesystem::path& data);

// Writes the three files, each atomically, the manifest last. Refuses to overwrite the data.
void writeTextOutputs(const TextOutputPaths& paths, const TextRun& run, const TextPipelineParams& params);

} // namespace dq
