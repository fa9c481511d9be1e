#pragma once
#include "pipeline/Job.h"
#include "pipeline/Results.h"

namespace dqui {

// The Sample stage: dq::sampleBins, the same ratio of every bin and class.
class SampleJob : public Job {
public:
    explicit SampleJob(SampleRequest request) : request_(std::move(request)) {}
    void run(dq::Progress& progress, const dq::CancelToken& cancel) override;

    std::shared_ptr<SampleState> result;

private:
    SampleRequest request_;
};

} // namespace dqui
