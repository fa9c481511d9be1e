#pragma once
#include "pipeline/Job.h"
#include "pipeline/PipelineState.h"

#include <memory>

namespace dqui {

// A job of the pipeline: a stage's, the dataset's opening or an export. After run()
// ended well the pipeline calls apply() on the GUI thread, the one place where a job's
// result enters the session's state; the pipeline never looks into a job otherwise.
class StageJob : public Job {
public:
    virtual void apply(PipelineState& state) = 0;
};

// A stage job that makes one result of type R (DatasetState, FeaturesState, ...):
// run() fills `result`, apply() moves it into R's slot of the state.
template <class R>
class JobOf : public StageJob {
public:
    void apply(PipelineState& state) override { state.set<R>(std::move(result)); }

    std::shared_ptr<R> result;
};

} // namespace dqui
