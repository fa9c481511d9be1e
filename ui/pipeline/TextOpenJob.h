#pragma once
#include "pipeline/StageJob.h"

namespace dqui {

// The Dataset stage of instruction data: reads the records of a text: spec (a JSON list or
// JSON Lines, found from the first byte) and checks that the embeddings file exists.
class TextOpenJob : public JobOf<DatasetState> {
public:
    explicit TextOpenJob(QString spec) : spec_(std::move(spec)) { }
    void run(dq::Progress& progress, const dq::CancelToken& cancel) override;

private:
    QString spec_;
};

} // namespace dqui
