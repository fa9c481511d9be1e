#include "pipeline/SampleJob.h"

#include "common/Progress.h"
#include "common/JobContext.h"
#include "stages/SampleStage.h"

namespace dqui {

void SampleJob::run(dq::Progress& progress, const dq::CancelToken& cancel)
{
    const SampleRequest& r = request_;
    dq::JobContext context(progress, cancel, noteSink());
    result = sampleState(r, dq::runSample({r.bins->bins, r.bins->labels, r.rows, r.ratio, r.seed}, context));
}

} // namespace dqui
