#pragma once
#include "pipeline/Results.h"
#include "pipeline/Stage.h"
#include "pipeline/StudioParameters.h"

#include <filesystem>
#include <memory>

namespace dq {
struct TextPipelineParams;
}

namespace dqui {

class Job;

// The stages of instruction data (a text: spec), as `dq text` runs them: Features are
// the records' embeddings (the .npy given, or TF-IDF) and their PCA picture; Bins split
// all records into K bins of N // K by GraphCut with the dot kernel, in one pool
// (unbalanced, the reference's alpaca_sample.py); Sample draws int(int(N * ratio) / K)
// records from every bin; Export writes the subset as dq text does.
class TextStages {
public:
    static bool isInstructions(const DatasetState* dataset) { return dataset && dataset->instructions; }

    // What each stage's result depends on (the dataset key holds the embeddings file).
    static QString key(Stage stage, const StudioParameters& params, const QString& datasetKey);

    static std::shared_ptr<Job> openJob(const QString& spec);
    // Features, Bins or Sample; null for another stage.
    static std::shared_ptr<Job> makeJob(Stage stage, const DatasetPtr& dataset, const FeaturesPtr& features,
                                        const BinsPtr& bins, const StudioParameters& params, const QString& key,
                                        const std::filesystem::path& cacheDir);
    static std::shared_ptr<Job> exportJob(const DatasetPtr& dataset, const FeaturesPtr& features, const BinsPtr& bins,
                                          const SamplePtr& sample, const StudioParameters& params,
                                          const QString& subsetPath);

    // The parameters of core's text pipeline for these records and the panel's values.
    static dq::TextPipelineParams pipelineParams(const DatasetState& dataset, const StudioParameters& params,
                                                 const std::filesystem::path& cacheDir);
    // "alpaca_data_dq_0.1.json" (".jsonl" for JSON Lines): the subset's file name.
    static QString subsetFileName(const DatasetState& dataset, double ratio);
};

} // namespace dqui
