#pragma once
#include "pipeline/Job.h"
#include "pipeline/Results.h"

namespace dqui {

// The Sample stage: dq::sampleBins, the same ratio of every bin and class.
class SampleJob : public Job {
public:
    SampleJob(BinsPtr bins, std::int64_t rows, double ratio, quint64 seed, QString key)
        : bins_(std::move(bins)), rows_(rows), ratio_(ratio), seed_(seed), key_(std::move(key))
    {
    }
    void run(dq::Progress& progress, const dq::CancelToken& cancel) override;

    std::shared_ptr<SampleState> result;

private:
    BinsPtr bins_;
    std::int64_t rows_;
    double ratio_;
    quint64 seed_;
    QString key_;
};

} // namespace dqui
