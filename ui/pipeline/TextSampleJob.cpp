#include "pipeline/TextSampleJob.h"

#include "bins/BinSampler.h"
#include "common/Error.h"
#include "common/Progress.h"
#include "text/TextPipeline.h"

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
    // Core's sampling of dq text: int(int(N * ratio) / K) from every bin.
    dq::TextPipelineParams p;
    p.bins = k;
    p.ratio = r.ratio;
    p.seed = r.seed;
    dq::TextSelection drawn;
    dq::sampleInstructions(r.bins->bins, r.rows, p, drawn);
    cancel.throwIfCancelled();
    dq::SampleResult result;
    result.indices = std::move(drawn.indices);
    result.perBin = std::move(drawn.perBin);
    result.datasetSize = r.rows;
    result.requestedRatio = r.ratio;
    result.trueRatio = drawn.trueRatio;
    this->result = sampleState(r, std::move(result));
    progress.advance();
    progress.finishStage();
}

} // namespace dqui
