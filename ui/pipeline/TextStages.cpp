#include "pipeline/TextStages.h"

#include "common/Format.h"
#include "pipeline/InstructionRecords.h"
#include "pipeline/TextBinsJob.h"
#include "pipeline/TextEmbeddingsJob.h"
#include "pipeline/TextExportJob.h"
#include "pipeline/TextOpenJob.h"
#include "pipeline/TextSampleJob.h"
#include "text/TextPipeline.h"
#include "text/TfidfEmbedding.h"

namespace dqui {

QString TextStages::key(Stage stage, const StudioParameters& params, const QString& datasetKey)
{
    // TF-IDF as dq text computes it by default: core's own defaults, so that the key follows them.
    const dq::TfidfParams tfidf;
    const QString features = datasetKey + QStringLiteral("|text-embeddings|tfidf-dim=%1|projection-seed=%2|nonzeros=%3")
                                              .arg(tfidf.dim)
                                              .arg(tfidf.seed)
                                              .arg(tfidf.nonzerosPerTerm);
    const QString bins = features + QStringLiteral("|text-bins=%1|greedy=%2").arg(params.bins).arg(params.greedy);
    switch (stage) {
    case Stage::Dataset: return datasetKey;
    case Stage::Features: return features;
    case Stage::Bins: return bins;
    case Stage::Sample:
        return bins + QStringLiteral("|ratio=%1|sampleSeed=%2").arg(QString::number(params.ratio, 'g', 17)).arg(params.seed);
    case Stage::Pixel: // no pixels in text, no classifier to train: these stages do not apply
    case Stage::Evaluate:
    case Stage::Compare:
    case Stage::Export: return {};
    }
    return {};
}

std::shared_ptr<Job> TextStages::openJob(const QString& spec) { return std::make_shared<TextOpenJob>(spec); }

std::shared_ptr<Job> TextStages::makeJob(Stage stage, const DatasetPtr& dataset, const FeaturesPtr& features,
                                         const BinsPtr& bins, const StudioParameters& params, const QString& key,
                                         const std::filesystem::path& cacheDir)
{
    switch (stage) {
    case Stage::Features: return std::make_shared<TextEmbeddingsJob>(dataset, params, key, cacheDir);
    case Stage::Bins: return std::make_shared<TextBinsJob>(dataset, features, params, key);
    case Stage::Sample:
        return std::make_shared<TextSampleJob>(SampleRequest{bins, features->rows, params.ratio, params.seed, key});
    default: return nullptr;
    }
}

std::shared_ptr<Job> TextStages::exportJob(const DatasetPtr& dataset, const FeaturesPtr& features, const BinsPtr& bins,
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
