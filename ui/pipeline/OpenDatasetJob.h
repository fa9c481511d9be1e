#pragma once
#include "pipeline/StageJob.h"
#include "pipeline/Results.h"

namespace dqui {

// Opens a dataset spec (reading IDX/CIFAR files, listing ImageFolder trees) and counts
// its classes.
class OpenDatasetJob : public JobOf<DatasetState> {
public:
    explicit OpenDatasetJob(QString spec) : spec_(std::move(spec)) { }
    void run(dq::Progress& progress, const dq::CancelToken& cancel) override;

private:
    QString spec_;
};

} // namespace dqui
