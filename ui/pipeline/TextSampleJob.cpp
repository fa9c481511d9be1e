#include "pipeline/TextSampleJob.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "common/JobContext.h"
#include "stages/TextStage.h"

namespace dqui {

void TextSampleJob::run(dq::Progress& progress, const dq::CancelToken& cancel)
{
    const SampleRequest& r = request_;
    const int k = static_cast<int>(r.bins->bins.size());
    if (k < 1 || r.rows < k)
        throw dq::Error("bins", "no bins to sample: run the Bins stage again");
    // Core's sampling of dq text: int(int(N * ratio) / K) from every bin.
    dq::TextPipelineParams p;
    p.bins = k;
    p.ratio = r.ratio;
    p.seed = r.seed;
    dq::JobContext context(progress, cancel, noteSink());
    dq::TextSelection drawn = dq::runTextSample(r.bins->bins, r.rows, p, context);
    dq::SampleResult result;
    result.indices = std::move(drawn.indices);
    result.perBin = std::move(drawn.perBin);
    result.datasetSize = r.rows;
    result.requestedRatio = r.ratio;
    result.trueRatio = drawn.trueRatio;
    this->result = sampleState(r, std::move(result));
}

} // namespace dqui
