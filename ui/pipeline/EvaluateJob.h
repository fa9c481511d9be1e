#pragma once
#include "pipeline/StageJob.h"
#include "pipeline/Results.h"
#include "pipeline/StudioParameters.h"

#include <filesystem>
#include <functional>

namespace dqui {

// The Evaluate stage: dq::runEvaluation on the kept images ("dq"), and as the parameters
// ask, their reconstruction by the Pixels stage ("dq-reconstructed"), a random subset of the
// same class counts ("random-dq"), the whole split ("full") and a ratio sweep over the bins.
// Runs come from core's run cache when they were trained before (by dq evaluate too).
class EvaluateJob : public JobOf<EvaluationState> {
public:
    struct Inputs {
        DatasetPtr dataset;
        BinsPtr bins;
        SamplePtr sample;
        PixelPtr pixel; // may be null when the reconstructed images are not compared
    };
    EvaluateJob(Inputs inputs, StudioParameters params, QString key, std::filesystem::path cacheDir,
                std::function<void(const dq::EpochUpdate&)> onEpoch)
            : in_(std::move(inputs)), params_(std::move(params)), key_(std::move(key)), cacheDir_(std::move(cacheDir)),
              onEpoch_(std::move(onEpoch))
    { }
    void run(dq::Progress& progress, const dq::CancelToken& cancel) override;

    // Empty when the Evaluate stage applies to the open data, else why not.
    static QString unavailableReason(const DatasetState* dataset);
    // The core parameters for these inputs (names: dq, dq-reconstructed, random-dq, full, dq-<ratio>).
    static dq::EvaluationParams params(const Inputs& inputs, const StudioParameters& params,
                                       const std::filesystem::path& cacheDir);
    // The Evaluate panel's network, epochs, seeds and device (the Compare stage trains by them too).
    static void setRecipe(dq::EvaluationParams& p, const StudioParameters& params, const std::filesystem::path& cacheDir);

private:
    Inputs in_;
    StudioParameters params_;
    QString key_;
    std::filesystem::path cacheDir_;
    std::function<void(const dq::EpochUpdate&)> onEpoch_;
};

} // namespace dqui
