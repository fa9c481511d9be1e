#pragma once
#include "pipeline/StageJob.h"
#include "pipeline/Results.h"
#include "pipeline/StudioParameters.h"

#include <filesystem>

namespace dqui {

// The Bins stage: dq::generateBins on the features, written as a bins folder (the one
// dq bins writes) under the cache, keyed by everything the bins depend on; a later run
// with the same key reads that folder back instead of recomputing.
class BinsJob : public JobOf<BinsState> {
public:
    BinsJob(DatasetPtr dataset, FeaturesPtr features, StudioParameters params, QString key,
            std::filesystem::path cacheDir)
        : dataset_(std::move(dataset)), features_(std::move(features)), params_(std::move(params)),
          key_(std::move(key)), cacheDir_(std::move(cacheDir))
    {
    }
    void run(dq::Progress& progress, const dq::CancelToken& cancel) override;

    // <cache>/bins/<16 hex digits of the key>
    static std::filesystem::path folderFor(const QString& key, const std::filesystem::path& cacheDir);

private:
    void compute(BinsState& s, dq::Progress& progress, const dq::CancelToken& cancel);
    // The per-bin profiles (similarity to the class centre, ...) from the features.
    void profile(BinsState& s, const dq::CancelToken& cancel) const;

    DatasetPtr dataset_;
    FeaturesPtr features_;
    StudioParameters params_;
    QString key_;
    std::filesystem::path cacheDir_;
};

} // namespace dqui
