#pragma once
#include "pipeline/Job.h"
#include "pipeline/Results.h"

#include <QStringList>

namespace dqui {

// A job of one of the instruction data's stages (TextStages). It fills the slot of its
// stage, which the Pipeline takes as it takes an image job's `result`.
class TextJob : public Job {
public:
    std::shared_ptr<DatasetState> dataset;   // Dataset
    std::shared_ptr<FeaturesState> features; // Features: the embeddings and their PCA
    std::shared_ptr<BinsState> bins;         // Bins
    std::shared_ptr<SampleState> sample;     // Sample
    QStringList written;                     // Export: the files written
};

} // namespace dqui
