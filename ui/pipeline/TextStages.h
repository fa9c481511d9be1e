#pragma once
#include "pipeline/Results.h"
#include "pipeline/StudioParameters.h"

#include <QList>

#include <filesystem>
#include <memory>

namespace dq {
struct TextPipelineParams;
}

namespace dqui {

class StageJob;
struct StageEntry;

// The stages of instruction data (a text: spec), as `dq text` runs them: Features are
// the records' embeddings (the .npy given, or TF-IDF) and their PCA picture; Bins split
// all records into K bins of N // K by GraphCut with the dot kernel, in one pool
// (unbalanced, the reference's alpaca_sample.py); Sample draws int(int(N * ratio) / K)
// records from every bin; Export writes the subset as dq text does.
class TextStages {
public:
    static bool isInstructions(const DatasetState* dataset) { return dataset && dataset->instructions; }

    // The stages of instruction data, one entry each (StageSet): Features, Bins and Sample,
    // and Pixels, Evaluate and Compare saying why they do not apply.
    static QList<StageEntry> entries();

    static std::shared_ptr<StageJob> openJob(const QString& spec);
    static std::shared_ptr<StageJob> exportJob(const DatasetPtr& dataset, const FeaturesPtr& features, const BinsPtr& bins,
                                               const SamplePtr& sample, const StudioParameters& params,
                                               const QString& subsetPath);

    // The parameters of core's text pipeline for these records and the panel's values.
    static dq::TextPipelineParams pipelineParams(const DatasetState& dataset, const StudioParameters& params,
                                                 const std::filesystem::path& cacheDir);
    // "alpaca_data_dq_0.1.json" (".jsonl" for JSON Lines): the subset's file name.
    static QString subsetFileName(const DatasetState& dataset, double ratio);
};

} // namespace dqui
