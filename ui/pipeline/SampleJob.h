#pragma once
#include "pipeline/StageJob.h"
#include "pipeline/Results.h"

namespace dqui {

// The Sample stage: core's dq::runSample (as dq sample), the same ratio of every bin and class.
class SampleJob : public JobOf<SampleState> {
public:
    explicit SampleJob(SampleRequest request) : request_(std::move(request)) { }
    void run(dq::Progress& progress, const dq::CancelToken& cancel) override;

private:
    SampleRequest request_;
};

} // namespace dqui
