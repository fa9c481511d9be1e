#include "pipeline/TextSampleJob.h"

#include "bins/BinSampler.h"
#include "common/Error.h"
#include "common/Progress.h"
#include "text/TextPipeline.h"

#include <algorithm>

namespace dqui {

void TextSampleJob::run(dq::Progress& progress, const dq::CancelToken& cancel)
{
    const SampleRequest& r = request_;
    checkSampleRatio(r.ratio);
    const int k = static_cast<int>(r.bins->bins.size());
    if (k < 1 || r.rows < k)
        throw dq::Error("bins", "no bins to sample: run the Bins stage again");
    const std::int64_t perBin = dq::referencePerBinSample(r.rows, r.ratio, k);
    if (perBin < 1)
        throw dq::UsageError("ratio", "keeps no record: int(int(N * ratio) / K) = 0 for N = " + std::to_string(r.rows) +
                                          ", ratio " + std::to_string(r.ratio) + ", K = " + std::to_string(k) +
                                          " bins; raise the ratio or lower the bins");
    progress.setStage("sample", 1);
    // Every bin holds N // K records: this ratio makes sampleBins' round(ratio * count)
    // exactly the reference's count (core's selectInstructions does the same).
    const double ratio = static_cast<double>(perBin) / static_cast<double>(r.rows / k);
    dq::SampleResult drawn = dq::sampleBins(r.bins->bins, {}, r.rows, ratio, r.seed);
    std::sort(drawn.indices.begin(), drawn.indices.end());
    drawn.requestedRatio = r.ratio;
    cancel.throwIfCancelled();
    if (static_cast<std::int64_t>(drawn.indices.size()) != perBin * k)
        throw dq::Error("sampling", "internal error: drew " + std::to_string(drawn.indices.size()) +
                                        " records instead of " + std::to_string(perBin * k));
    sample = sampleState(r, std::move(drawn));
    progress.advance();
    progress.finishStage();
}

} // namespace dqui
