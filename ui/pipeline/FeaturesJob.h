#pragma once
#include "pipeline/StageJob.h"
#include "pipeline/Results.h"
#include "pipeline/StudioParameters.h"

#include <filesystem>

namespace dqui {

// The Features stage: dq::runFeatures (or its cache), then the 2-D PCA projection
// of the features for the scatter. Precomputed features (npy:) are only projected.
class FeaturesJob : public JobOf<FeaturesState> {
public:
    FeaturesJob(DatasetPtr dataset, StudioParameters params, QString key, std::filesystem::path cacheDir)
            : dataset_(std::move(dataset)), params_(std::move(params)), key_(std::move(key)), cacheDir_(std::move(cacheDir))
    { }
    void run(dq::Progress& progress, const dq::CancelToken& cancel) override;

private:
    DatasetPtr dataset_;
    StudioParameters params_;
    QString key_;
    std::filesystem::path cacheDir_;
};

} // namespace dqui
