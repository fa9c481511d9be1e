#pragma once
#include "pipeline/StageJob.h"
#include "pipeline/Results.h"
#include "pipeline/StudioParameters.h"

#include <filesystem>

namespace dqui {

// The Pixels stage: the PixelSession the pixel view previews with (shared with the view
// through SharedPixelSessions; building it trains or loads the models once), then
// dq::runPixelQuantization of the sample's images into a folder in the cache keyed by
// everything the result depends on (a later run with the same key reads that folder
// back), whose models come from the caches the session filled.
class PixelJob : public JobOf<PixelState> {
public:
    PixelJob(DatasetPtr dataset, SamplePtr sample, StudioParameters params, QString key, std::filesystem::path cacheDir)
            : dataset_(std::move(dataset)), sample_(std::move(sample)), params_(std::move(params)), key_(std::move(key)),
              cacheDir_(std::move(cacheDir))
    { }
    void run(dq::Progress& progress, const dq::CancelToken& cancel) override;

private:
    DatasetPtr dataset_;
    SamplePtr sample_;
    StudioParameters params_;
    QString key_;
    std::filesystem::path cacheDir_;
};

} // namespace dqui
