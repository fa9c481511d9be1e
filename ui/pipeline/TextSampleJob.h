#pragma once
#include "pipeline/TextJob.h"

namespace dqui {

// The Sample stage of instruction data: int(int(N * ratio) / K) records drawn uniformly from
// every bin (the reference's alpaca_sample.py), the indices ascending, as dq text draws them.
class TextSampleJob : public TextJob {
public:
    TextSampleJob(BinsPtr bins, std::int64_t rows, double ratio, quint64 seed, QString key)
        : bins_(std::move(bins)), rows_(rows), ratio_(ratio), seed_(seed), key_(std::move(key))
    {
    }
    void run(dq::Progress& progress, const dq::CancelToken& cancel) override;

private:
    BinsPtr bins_;
    std::int64_t rows_;
    double ratio_;
    quint64 seed_;
    QString key_;
};

} // namespace dqui
