#pragma once
#include "pipeline/StageJob.h"
#include "pipeline/Results.h"
#include "pipeline/StudioParameters.h"

#include <filesystem>

namespace dqui {

// The Compare stage: dq::runEvaluation with methods and ratios (dq evaluate --methods):
// at every ratio DQ's subset drawn from the bins, a random one per seed and each chosen
// method's selection from the Features stage's folder, all with DQ's per-class budgets,
// trained and tested by the Evaluate recipe. Runs come from core's run cache when they
// were trained before (by dq evaluate too), so only new methods, ratios or seeds train.
class CompareJob : public JobOf<ComparisonState> {
public:
    struct Inputs {
        DatasetPtr dataset;
        FeaturesPtr features;
        BinsPtr bins;
    };
    CompareJob(Inputs inputs, StudioParameters params, QString key, std::filesystem::path cacheDir)
            : in_(std::move(inputs)), params_(std::move(params)), key_(std::move(key)), cacheDir_(std::move(cacheDir))
    { }
    void run(dq::Progress& progress, const dq::CancelToken& cancel) override;

    // The core parameters for these inputs. Throws dq::UsageError naming compare_methods or
    // compare_ratios when nothing is chosen or a ratio is out of range.
    static dq::EvaluationParams params(const Inputs& inputs, const StudioParameters& params,
                                       const std::filesystem::path& cacheDir);

private:
    Inputs in_;
    StudioParameters params_;
    QString key_;
    std::filesystem::path cacheDir_;
};

} // namespace dqui
