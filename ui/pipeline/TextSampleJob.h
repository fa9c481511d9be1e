#pragma once
#include "pipeline/StageJob.h"

namespace dqui {

// The Sample stage of instruction data: int(int(N * ratio) / K) records drawn uniformly from
// every bin (the reference's alpaca_sample.py), the indices ascending, as dq text draws them.
class TextSampleJob : public JobOf<SampleState> {
public:
    explicit TextSampleJob(SampleRequest request) : request_(std::move(request)) { }
    void run(dq::Progress& progress, const dq::CancelToken& cancel) override;

private:
    SampleRequest request_;
};

} // namespace dqui
