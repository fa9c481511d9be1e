#include "pipeline/CompareJob.h"

#include "common/Error.h"
#include "pipeline/ComparisonMethods.h"
#include "pipeline/EvaluateJob.h"
#include "common/JobContext.h"
#include "stages/torch/EvaluationStage.h"

#include <QCoreApplication>

namespace dqui {

dq::EvaluationParams CompareJob::params(const Inputs& in, const StudioParameters& sp, const std::filesystem::path& cacheDir)
{
    dq::EvaluationParams p;
    p.datasetSpec = in.dataset->spec.toStdString();
    p.trainLimit = sp.limit;
    for (const QString& m : sp.compareMethodList())
        p.methods.push_back(m.toStdString());
    if (p.methods.empty())
        throw dq::UsageError("compare_methods",
                             QCoreApplication::translate("CompareJob", "choose at least one method").toStdString());
    QString error;
    if (!sp.compareRatioList(p.ratios, &error))
        throw dq::UsageError("compare_ratios", error.toStdString());
    if (p.ratios.empty())
        throw dq::UsageError("compare_ratios",
                             QCoreApplication::translate("CompareJob", "give at least one keep ratio").toStdString());
    p.bins = in.bins->folder.toStdString();
    p.features = in.features->result.folder;
    p.sampleSeed = sp.seed;
    // One score option, ccs's; uncertainty keeps its own default (least confidence).
    p.selection.score = dq::parseScoreKind(sp.compareScore.toStdString());
    p.selection.scoreGiven = false;
    p.scoreSeeds = sp.compareScoreSeeds;
    EvaluateJob::setRecipe(p, sp, cacheDir); // the Evaluate stage's recipe and seeds
    return p;
}

void CompareJob::run(dq::Progress& progress, const dq::CancelToken& cancel)
{
    // The same data requirements as the Evaluate stage: labelled images with a test split.
    if (const QString why = EvaluateJob::unavailableReason(in_.dataset.get()); !why.isEmpty())
        throw dq::UsageError("compare", why.toStdString());
    if (const QString missing = ComparisonMethods::missingInputs(params_); !missing.isEmpty())
        throw dq::UsageError("compare_methods", missing.toStdString());
    if (!in_.features || !in_.bins)
        throw dq::UsageError("compare", "run the Features and Bins stages first");
    dq::EvaluationParams p = params(in_, params_, cacheDir_);
    dq::JobContext context(progress, cancel, noteSink());
    auto s = std::make_shared<ComparisonState>();
    s->key = key_;
    s->result = dq::runEvaluation(p, context);
    result = std::move(s);
}

} // namespace dqui
