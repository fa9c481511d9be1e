#pragma once
#include "pipeline/StudioParameters.h"
#include "pipeline/StageJob.h"

#include <filesystem>

namespace dqui {

// The Features stage of instruction data: the embeddings (the .npy given with the data, or
// TF-IDF through core's embedding cache, as dq text) and their PCA picture.
class TextEmbeddingsJob : public JobOf<FeaturesState> {
public:
    TextEmbeddingsJob(DatasetPtr dataset, StudioParameters params, QString key, std::filesystem::path cacheDir)
            : dataset_(std::move(dataset)), params_(std::move(params)), key_(std::move(key)), cacheDir_(std::move(cacheDir))
    { }
    void run(dq::Progress& progress, const dq::CancelToken& cancel) override;

private:
    DatasetPtr dataset_;
    StudioParameters params_;
    QString key_;
    std::filesystem::path cacheDir_;
};

} // namespace dqui
