#include "pipeline/EvaluateJob.h"

#include "common/Error.h"
#include "common/JobContext.h"
#include "stages/torch/EvaluationStage.h"

#include <QCoreApplication>

namespace dqui {

QString EvaluateJob::unavailableReason(const DatasetState* d)
{
    if (!d)
        return {};
    if (d->instructions || !d->images)
        return QCoreApplication::translate("EvaluateJob", "Evaluation trains an image classifier: it needs image data.");
    if (!d->bundle.test)
        return QCoreApplication::translate("EvaluateJob", "This dataset has no test split to evaluate on.");
    if (d->bundle.train->classCount() == 0)
        return QCoreApplication::translate("EvaluateJob", "Evaluation needs labelled images.");
    return {};
}

dq::EvaluationParams EvaluateJob::params(const Inputs& in, const StudioParameters& sp, const std::filesystem::path& cacheDir)
{
    dq::EvaluationParams p;
    p.datasetSpec = in.dataset->spec.toStdString();
    p.trainLimit = sp.limit;
    p.subsets.push_back(dq::SubsetSpec::inMemory("dq", in.sample->result.indices));
    if (sp.evalReconstructed && in.pixel)
        p.subsets.push_back(dq::SubsetSpec::reconstructed("dq-reconstructed", in.pixel->folder.toStdString()));
    if (sp.evalRandom)
        p.subsets.push_back(dq::SubsetSpec::randomLike("dq"));
    if (sp.evalFull)
        p.subsets.push_back(dq::SubsetSpec::full());
    QString error;
    if (!sp.evalRatioList(p.ratios, &error))
        throw dq::UsageError("eval_ratios", error.toStdString());
    if (!p.ratios.empty())
        p.bins = in.bins->folder.toStdString();
    p.sampleSeed = sp.seed;
    p.sweepRandom = sp.evalRandom;
    setRecipe(p, sp, cacheDir);
    return p;
}

void EvaluateJob::setRecipe(dq::EvaluationParams& p, const StudioParameters& sp, const std::filesystem::path& cacheDir)
{
    p.recipe.model = sp.evalModel.toStdString();
    p.recipe.width = sp.evalWidth;
    p.recipe.epochs = sp.evalEpochs;
    p.seeds.clear();
    for (int s = 0; s < sp.evalSeeds; ++s)
        p.seeds.push_back(static_cast<std::uint64_t>(s));
    p.device = sp.device.toStdString();
    p.cacheDir = cacheDir;
}

void EvaluateJob::run(dq::Progress& progress, const dq::CancelToken& cancel)
{
    if (const QString why = unavailableReason(in_.dataset.get()); !why.isEmpty())
        throw dq::UsageError("evaluate", why.toStdString());
    if (!in_.sample || in_.sample->result.indices.empty())
        throw dq::UsageError("evaluate", "nothing is selected yet: run the Sample stage first");
    dq::EvaluationParams p = params(in_, params_, cacheDir_);
    dq::JobContext context(progress, cancel, noteSink());
    auto s = std::make_shared<EvaluationState>();
    s->key = key_;
    s->result = dq::runEvaluation(p, context, onEpoch_);
    result = std::move(s);
}

} // namespace dqui
