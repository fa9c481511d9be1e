#pragma once
#include "pipeline/StudioParameters.h"
#include "pipeline/StageJob.h"

#include <filesystem>

namespace dqui {

// The Bins stage of instruction data: K bins of N // K records each by GraphCut with the
// dot kernel over one pool (no classes), exactly the bins of dq text; the N mod K records
// left over are in no bin. Core's dq::runTextBins computes them, through the stage cache
// that dq text shares.
class TextBinsJob : public JobOf<BinsState> {
public:
    TextBinsJob(DatasetPtr dataset, FeaturesPtr features, StudioParameters params, QString key,
                std::filesystem::path cacheDir)
            : dataset_(std::move(dataset)), features_(std::move(features)), params_(std::move(params)), key_(std::move(key)),
              cacheDir_(std::move(cacheDir))
    { }
    void run(dq::Progress& progress, const dq::CancelToken& cancel) override;

private:
    DatasetPtr dataset_;
    FeaturesPtr features_;
    StudioParameters params_;
    QString key_;
    std::filesystem::path cacheDir_;
};

} // namespace dqui
