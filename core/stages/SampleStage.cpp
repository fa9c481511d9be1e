#include "stages/SampleStage.h"

#include "common/FieldError.h"
#include "common/Progress.h"
#include "common/JobContext.h"

namespace dq {

SampleResult runSample(const SampleParams& p, JobContext& ctx)
{
    if (p.bins.empty())
        throw FieldError("bins", "no bins to sample: run the bins again");
    ctx.progress().setStage("sample", 1);
    SampleResult r = sampleBins(p.bins, p.labels, p.datasetSize, p.ratio, p.seed);
    ctx.cancel().throwIfCancelled();
    ctx.progress().advance();
    ctx.progress().finishStage();
    return r;
}

} // namespace dq
