#include "pipeline/StageSet.h"

#include "pipeline/BinsJob.h"
#include "pipeline/CompareJob.h"
#include "pipeline/EvaluateJob.h"
#include "pipeline/FeaturesJob.h"
#include "pipeline/PixelJob.h"
#include "pipeline/PixelStage.h"
#include "pipeline/SampleJob.h"
#include "pipeline/TextStages.h"

namespace dqui {
namespace {

// Image data and precomputed features share these three: features (or the rows given)
// and their PCA, bins by class, the same ratio of every bin and class.
StageEntry features()
{
    StageEntry e;
    e.stage = Stage::Features;
    e.key = [](const StudioParameters& p, const QString& d) { return p.featuresKey(d); };
    e.inputs = [](const StudioParameters&, const DatasetState&) { return QList<Stage>{}; };
    e.resultKey = resultKeyOf<FeaturesState>;
    e.makeJob = [](const StageContext& c) -> std::shared_ptr<StageJob> {
        return std::make_shared<FeaturesJob>(c.state.dataset(), c.params, c.key, c.cacheDir);
    };
    e.views = {View::Embedding};
    return e;
}

StageEntry bins()
{
    StageEntry e;
    e.stage = Stage::Bins;
    e.key = [](const StudioParameters& p, const QString& d) { return p.binsKey(d); };
    e.inputs = [](const StudioParameters&, const DatasetState&) { return QList<Stage>{Stage::Features}; };
    e.resultKey = resultKeyOf<BinsState>;
    e.makeJob = [](const StageContext& c) -> std::shared_ptr<StageJob> {
        return std::make_shared<BinsJob>(c.state.dataset(), c.state.get<FeaturesState>(), c.params, c.key, c.cacheDir);
    };
    e.views = {View::Embedding, View::Bins, View::Samples};
    return e;
}

StageEntry sample()
{
    StageEntry e;
    e.stage = Stage::Sample;
    e.key = [](const StudioParameters& p, const QString& d) { return p.sampleKey(d); };
    e.inputs = [](const StudioParameters&, const DatasetState&) { return QList<Stage>{Stage::Bins}; };
    e.resultKey = resultKeyOf<SampleState>;
    e.makeJob = [](const StageContext& c) -> std::shared_ptr<StageJob> {
        const PipelineState& s = c.state;
        return std::make_shared<SampleJob>(
            SampleRequest{s.get<BinsState>(), s.get<FeaturesState>()->rows, c.params.ratio, c.params.seed, c.key});
    };
    e.views = {View::Dataset, View::Embedding, View::Samples, View::Storage};
    return e;
}

StageEntry pixel()
{
    StageEntry e;
    e.stage = Stage::Pixel;
    e.unavailable = PixelStage::unavailableReason;
    e.key = [](const StudioParameters& p, const QString& d) { return p.pixelKey(d); };
    e.inputs = [](const StudioParameters&, const DatasetState&) { return QList<Stage>{Stage::Sample}; };
    e.resultKey = resultKeyOf<PixelState>;
    e.makeJob = [](const StageContext& c) -> std::shared_ptr<StageJob> {
        return std::make_shared<PixelJob>(c.state.dataset(), c.state.get<SampleState>(), c.params, c.key, c.cacheDir);
    };
    e.views = {View::Storage}; // the Pixels view follows the parameters itself
    return e;
}

// Evaluate compares the reconstructed images too when asked and the data has pixels.
bool evaluatesReconstruction(const StudioParameters& p, const DatasetState& d)
{
    return p.evalReconstructed && PixelStage::applies(&d);
}

StageEntry evaluate()
{
    StageEntry e;
    e.stage = Stage::Evaluate;
    e.unavailable = EvaluateJob::unavailableReason;
    e.key = [](const StudioParameters& p, const QString& d) { return p.evaluateKey(d); };
    e.inputs = [](const StudioParameters& p, const DatasetState& d) {
        return evaluatesReconstruction(p, d) ? QList<Stage>{Stage::Sample, Stage::Pixel} : QList<Stage>{Stage::Sample};
    };
    e.resultKey = resultKeyOf<EvaluationState>;
    e.makeJob = [](const StageContext& c) -> std::shared_ptr<StageJob> {
        const PipelineState& s = c.state;
        const PixelPtr pixel = evaluatesReconstruction(c.params, *s.dataset()) ? s.get<PixelState>() : nullptr;
        return std::make_shared<EvaluateJob>(EvaluateJob::Inputs{s.dataset(), s.get<BinsState>(), s.get<SampleState>(),
                                                                 pixel},
                                             c.params, c.key, c.cacheDir, c.onEpoch);
    };
    // The Evaluate view says itself when it is computing or outdated.
    return e;
}

StageEntry compare()
{
    StageEntry e;
    e.stage = Stage::Compare;
    e.unavailable = EvaluateJob::unavailableReason; // it trains image classifiers as Evaluate does
    e.key = [](const StudioParameters& p, const QString& d) { return p.compareKey(d); };
    e.inputs = [](const StudioParameters&, const DatasetState&) { return QList<Stage>{Stage::Bins}; };
    e.resultKey = resultKeyOf<ComparisonState>;
    e.makeJob = [](const StageContext& c) -> std::shared_ptr<StageJob> {
        const PipelineState& s = c.state;
        return std::make_shared<CompareJob>(CompareJob::Inputs{s.dataset(), s.get<FeaturesState>(), s.get<BinsState>()},
                                            c.params, c.key, c.cacheDir);
    };
    return e;
}

} // namespace

StageEntry StageSet::notApplicable(Stage stage, QString (*why)(const DatasetState*))
{
    StageEntry e;
    e.stage = stage;
    e.unavailable = why;
    return e;
}

StageSet StageSet::forData(const DatasetState& dataset)
{
    if (TextStages::isInstructions(&dataset))
        return StageSet(TextStages::entries());
    if (!dataset.images) // precomputed features: nothing to reconstruct or to train a classifier on
        return StageSet({features(), bins(), sample(), notApplicable(Stage::Pixel, PixelStage::unavailableReason),
                         notApplicable(Stage::Evaluate, EvaluateJob::unavailableReason),
                         notApplicable(Stage::Compare, EvaluateJob::unavailableReason)});
    return StageSet({features(), bins(), sample(), pixel(), evaluate(), compare()});
}

const StageEntry* StageSet::find(Stage stage) const
{
    for (const StageEntry& e : entries_)
        if (e.stage == stage)
            return &e;
    return nullptr;
}

} // namespace dqui
