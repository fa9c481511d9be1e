#include "pipeline/TextStages.h"

#include "common/Format.h"
#include "pipeline/EvaluateJob.h"
#include "pipeline/InstructionRecords.h"
#include "pipeline/PixelStage.h"
#include "pipeline/StageSet.h"
#include "pipeline/TextBinsJob.h"
#include "pipeline/TextEmbeddingsJob.h"
#include "pipeline/TextExportJob.h"
#include "pipeline/TextOpenJob.h"
#include "pipeline/TextSampleJob.h"
#include "text/TextPipeline.h"
#include "text/TfidfEmbedding.h"

namespace dqui {
namespace {

// What each stage's result depends on (the dataset key holds the embeddings file).
QString featuresKey(const StudioParameters&, const QString& datasetKey)
{
    // TF-IDF as dq text computes it by default: core's own defaults, so that the key follows them.
    const dq::TfidfParams tfidf;
    return datasetKey + QStringLiteral("|text-embeddings|tfidf-dim=%1|projection-seed=%2|nonzeros=%3")
                            .arg(tfidf.dim)
                            .arg(tfidf.seed)
                            .arg(tfidf.nonzerosPerTerm);
}

QString binsKey(const StudioParameters& params, const QString& datasetKey)
{
    return featuresKey(params, datasetKey) + QStringLiteral("|text-bins=%1|greedy=%2").arg(params.bins).arg(params.greedy);
}

QString sampleKey(const StudioParameters& params, const QString& datasetKey)
{
    return binsKey(params, datasetKey) +
           QStringLiteral("|ratio=%1|sampleSeed=%2").arg(QString::number(params.ratio, 'g', 17)).arg(params.seed);
}

} // namespace

QList<StageEntry> TextStages::entries()
{
    StageEntry features;
    features.stage = Stage::Features;
    features.key = featuresKey;
    features.inputs = [](const StudioParameters&, const DatasetState&) { return QList<Stage>{}; };
    features.resultKey = resultKeyOf<FeaturesState>;
    features.makeJob = [](const StageContext& c) -> std::shared_ptr<StageJob> {
        return std::make_shared<TextEmbeddingsJob>(c.state.dataset(), c.params, c.key, c.cacheDir);
    };
    features.views = {View::Embedding};

    StageEntry bins;
    bins.stage = Stage::Bins;
    bins.key = binsKey;
    bins.inputs = [](const StudioParameters&, const DatasetState&) { return QList<Stage>{Stage::Features}; };
    bins.resultKey = resultKeyOf<BinsState>;
    bins.makeJob = [](const StageContext& c) -> std::shared_ptr<StageJob> {
        return std::make_shared<TextBinsJob>(c.state.dataset(), c.state.get<FeaturesState>(), c.params, c.key, c.cacheDir);
    };
    bins.views = {View::Embedding, View::Bins, View::Samples};

    StageEntry sample;
    sample.stage = Stage::Sample;
    sample.key = sampleKey;
    sample.inputs = [](const StudioParameters&, const DatasetState&) { return QList<Stage>{Stage::Bins}; };
    sample.resultKey = resultKeyOf<SampleState>;
    sample.makeJob = [](const StageContext& c) -> std::shared_ptr<StageJob> {
        const PipelineState& s = c.state;
        return std::make_shared<TextSampleJob>(
            SampleRequest{s.get<BinsState>(), s.get<FeaturesState>()->rows, c.params.ratio, c.params.seed, c.key});
    };
    sample.views = {View::Dataset, View::Embedding, View::Samples, View::Storage};

    // No pixels in text, no classifier to train: these stages do not apply.
    return {features,
            bins,
            sample,
            StageSet::notApplicable(Stage::Pixel, PixelStage::unavailableReason),
            StageSet::notApplicable(Stage::Evaluate, EvaluateJob::unavailableReason),
            StageSet::notApplicable(Stage::Compare, EvaluateJob::unavailableReason)};
}

std::shared_ptr<StageJob> TextStages::openJob(const QString& spec) { return std::make_shared<TextOpenJob>(spec); }

std::shared_ptr<StageJob> TextStages::exportJob(const DatasetPtr& dataset, const FeaturesPtr& features, const BinsPtr& bins,
                                                const SamplePtr& sample, const StudioParameters& params,
                                                const QString& subsetPath)
{
    return std::make_shared<TextExportJob>(dataset, features, bins, sample, params, subsetPath);
}

dq::TextPipelineParams TextStages::pipelineParams(const DatasetState& dataset, const StudioParameters& params,
                                                  const std::filesystem::path& cacheDir)
{
    const InstructionRecords& records = *dataset.instructions;
    dq::TextPipelineParams p;
    p.data = records.data().path;
    p.read.format = records.data().format;
    p.read.fields = records.data().fields;
    if (!records.embeddingsFile().empty()) {
        p.embedding.kind = dq::TextEmbeddingKind::File;
        p.embedding.path = records.embeddingsFile();
    } else {
        p.embedding.kind = dq::TextEmbeddingKind::Tfidf;
    }
    p.cacheDir = cacheDir;
    p.ratio = params.ratio;
    p.bins = params.bins;
    p.kernel = dq::Kernel::Dot; // the reference's choice for text
    p.greedy = dq::parseGreedy(params.greedy.toStdString());
    p.seed = params.seed;
    return p;
}

QString TextStages::subsetFileName(const DatasetState& dataset, double ratio)
{
    const bool lines = dataset.instructions && dataset.instructions->data().format == dq::InstructionFormat::JsonLines;
    return QStringLiteral("%1_dq_%2.%3")
        .arg(QString::fromStdString(dataset.bundle.name), Format::pythonFloat(ratio),
             lines ? QStringLiteral("jsonl") : QStringLiteral("json"));
}

} // namespace dqui
