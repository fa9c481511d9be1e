#include "pipeline/TextSampleJob.h"

#include "bins/BinSampler.h"
#include "common/Error.h"
#include "common/Progress.h"
#include "text/TextPipeline.h"

#include <algorithm>
#include <cmath>

namespace dqui {

void TextSampleJob::run(dq::Progress& progress, const dq::CancelToken& cancel)
{
    if (!(ratio_ > 0.0 && ratio_ <= 1.0) || !std::isfinite(ratio_))
        throw dq::UsageError("ratio", "must lie in (0, 1], got " + std::to_string(ratio_));
    const int k = static_cast<int>(bins_->bins.size());
    if (k < 1 || rows_ < k)
        throw dq::Error("bins", "no bins to sample: run the Bins stage again");
    const std::int64_t perBin = dq::referencePerBinSample(rows_, ratio_, k);
    if (perBin < 1)
        throw dq::UsageError("ratio", "keeps no record: int(int(N * ratio) / K) = 0 for N = " + std::to_string(rows_) +
                                          ", ratio " + std::to_string(ratio_) + ", K = " + std::to_string(k) +
                                          " bins; raise the ratio or lower the bins");
    progress.setStage("sample", 1);
    // Every bin holds N // K records: this ratio makes sampleBins' round(ratio * count)
    // exactly the reference's count (core's selectInstructions does the same).
    const double ratio = static_cast<double>(perBin) / static_cast<double>(rows_ / k);
    auto s = std::make_shared<SampleState>();
    s->key = key_;
    s->result = dq::sampleBins(bins_->bins, {}, rows_, ratio, seed_);
    std::sort(s->result.indices.begin(), s->result.indices.end());
    s->result.requestedRatio = ratio_;
    cancel.throwIfCancelled();
    if (static_cast<std::int64_t>(s->result.indices.size()) != perBin * k)
        throw dq::Error("sampling", "internal error: drew " + std::to_string(s->result.indices.size()) +
                                        " records instead of " + std::to_string(perBin * k));
    s->selected.assign(static_cast<std::size_t>(rows_), 0);
    for (std::int64_t i : s->result.indices)
        s->selected[static_cast<std::size_t>(i)] = 1;
    progress.advance();
    progress.finishStage();
    sample = std::move(s);
}

} // namespace dqui
