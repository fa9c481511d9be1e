#include "pipeline/SampleJob.h"

#include "common/Progress.h"

namespace dqui {

void SampleJob::run(dq::Progress& progress, const dq::CancelToken& cancel)
{
    const SampleRequest& r = request_;
    checkSampleRatio(r.ratio);
    progress.setStage("sample", 1);
    dq::SampleResult drawn = dq::sampleBins(r.bins->bins, r.bins->labels, r.rows, r.ratio, r.seed);
    cancel.throwIfCancelled();
    result = sampleState(r, std::move(drawn));
    progress.advance();
    progress.finishStage();
}

} // namespace dqui
