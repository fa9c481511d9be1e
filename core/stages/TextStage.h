#pragma once
#include "bins/BinGenerator.h"
#include "text/TextPipeline.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

namespace dq {

class JobContext;

// The Bins stage of instruction data (dq text, DQ Studio's instruction Bins): K bins of
// N // K records over one pool, run by runBins on the embeddings, so it shares the stage
// cache (keyed by the embeddings' bytes, K, the kernel, the greedy and the seed).
struct TextBinsParams {
    std::shared_ptr<const NpyArray> embeddings; // N x D float32, shared, not copied
    std::int64_t records = 0;
    TextPipelineParams text; // bins, kernel, greedy, seed, threads; the caches' folder and use
};

struct TextBinsResult {
    TextSelection selection; // the bins' part: binOf, binSizes, unassigned, exactness, warnings
    BinResult bins; // the engine's bins and statistics
    bool fromCache = false;
    std::filesystem::path folder; // the cache entry (a bins folder); empty without a cache
};

TextBinsResult runTextBins(const TextBinsParams& params, JobContext& context);

// The Sample stage of instruction data: the reference's int(int(N * ratio) / K) records
// from every bin (sampleInstructions); a ratio that keeps nothing is a FieldError on "ratio".
TextSelection runTextSample(const std::vector<std::vector<std::int64_t>>& bins, std::int64_t records,
                            const TextPipelineParams& params, JobContext& context);

// dq text: reads the data, loads or computes the embeddings, then the two stages above
// (or a random subset of the same size for params.random).
TextRun runText(const TextPipelineParams& params, JobContext& context, bool* binsFromCache = nullptr);

} // namespace dq
