#pragma once
#include "pipeline/Job.h"
#include "pipeline/Results.h"

namespace dqui {

// Opens a dataset spec (reading IDX/CIFAR files, listing ImageFolder trees) and counts
// its classes.
class OpenDatasetJob : public Job {
public:
    explicit OpenDatasetJob(QString spec) : spec_(std::move(spec)) {}
    void run(dq::Progress& progress, const dq::CancelToken& cancel) override;

    std::shared_ptr<DatasetState> result;

private:
    QString spec_;
};

} // namespace dqui
