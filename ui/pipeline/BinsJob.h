#pragma once
#include "pipeline/StageJob.h"
#include "pipeline/Results.h"
#include "pipeline/StudioParameters.h"
#include "stages/BinsStage.h"

#include <filesystem>

namespace dqui {

// The Bins stage: the panel's parameters and the features as dq::BinsParams, run by core's
// stage layer (dq::runBins), whose cache entry (a bins folder as dq bins writes it) is
// shared with dq bins: the same data and parameters are computed once for both.
class BinsJob : public JobOf<BinsState> {
public:
    BinsJob(DatasetPtr dataset, FeaturesPtr features, StudioParameters params, QString key, std::filesystem::path cacheDir)
            : dataset_(std::move(dataset)), features_(std::move(features)), params_(std::move(params)), key_(std::move(key)),
              cacheDir_(std::move(cacheDir))
    { }
    void run(dq::Progress& progress, const dq::CancelToken& cancel) override;

private:
    // What the bins are computed on: the Features stage's folder or a feature dataset's rows.
    dq::BinsSource source() const;
    // The per-bin profiles (similarity to the class centre, ...) from the features.
    void profile(BinsState& s, const dq::CancelToken& cancel) const;

    DatasetPtr dataset_;
    FeaturesPtr features_;
    StudioParameters params_;
    QString key_;
    std::filesystem::path cacheDir_;
};

} // namespace dqui
