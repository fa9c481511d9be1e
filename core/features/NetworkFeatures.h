#pragma once
// Core-private: the network half of extractFeatures (model, training, extraction loop).
#include "features/FeatureExtractor.h"
#include "features/FeaturesFolder.h"

#include <functional>

namespace dq {

struct ComputedFeatures {
    std::vector<FeatureFile> files; // written: b.npy and e.npy, or embedding.npy
    std::int64_t classes = 0, dim = 0;
    std::string device;
    ModelInput input;
    std::vector<double> epochLoss;
    bool weightsFromCache = false;
    double trainSeconds = 0, extractSeconds = 0;
    double trainImagesPerSecond = 0, extractImagesPerSecond = 0;
    std::string headNote; // set when a pretrained head was replaced
};

using NoteSink = std::function<void(const std::string&)>;

// Builds the network of params.model (seeded; --weights loaded), trains it for
// params.epochs (trained weights read from or stored in `weightsCacheFile` when not
// empty) and computes the features of every sample of `data`, streamed batch by batch
// into .npy files in `folder` (a staging folder).
ComputedFeatures computeNetworkFeatures(const Dataset& data, const FeatureParams& params, FeatureMode mode,
                                        const std::filesystem::path& weightsCacheFile,
                                        const std::filesystem::path& folder, Progress& progress,
                                        const CancelToken& cancel, const NoteSink& note);

// "torchscript:FILE" -> FILE; empty for other models.
std::filesystem::path torchScriptFile(const std::string& model);

} // namespace dq
