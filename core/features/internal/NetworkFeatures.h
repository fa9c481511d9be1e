#pragma once
// Core-private: the network half of extractFeatures (model, training, extraction loop).
#include "common/Note.h"
#include "features/FeatureExtractor.h"
#include "features/FeaturesFolder.h"
#include "features/internal/RankRows.h"
#include "models/internal/FeatureModel.h"
#include "models/internal/TrainingDynamics.h"

#include <functional>
#include <memory>

namespace dq {

class Progress;
class CancelToken;

struct ComputedFeatures {
    std::vector<FeatureFile> files; // b.npy and e.npy, or embedding.npy; logits.npy (forgetting, aum)
    std::int64_t classes = 0, dim = 0;
    std::string device;
    ModelInput input;
    std::vector<double> epochLoss;
    bool weightsFromCache = false;
    double trainSeconds = 0, extractSeconds = 0;
    double trainImagesPerSecond = 0, extractImagesPerSecond = 0;
    std::string headNote; // set when a pretrained head was replaced
    TrainingDynamics dynamics; // of the selection training (restored with cached weights)
    // Across ranks (rankGroup().multiProcess()): nothing is written to `folder`; each rank
    // holds its share of each file in `files` here, in file order, for writeRowsFromRanks.
    std::vector<RankRows> rankRows;
};

// Where the features' notes go (JobContext::note, or a collector): a coded dq::Note.
using NoteSink = std::function<void(const Note&)>;

// Builds the network of params.model (seeded; --weights loaded), trains it for
// params.epochs (trained weights read from or stored in `weightsCacheFile` when not
// empty) and computes the features of every sample of `data`, streamed batch by batch
// into .npy files in `folder` (a staging folder), with the logits (logits.npy) that the
// score-based selection methods (dq select) read. Across ranks each rank computes a
// contiguous share of whole batches (the batches of one process, so the rows are the
// same bits) and keeps them in `rankRows` instead.
ComputedFeatures computeNetworkFeatures(const Dataset& data, const FeatureParams& params, FeatureMode mode,
                                        const std::filesystem::path& weightsCacheFile, const std::filesystem::path& folder,
                                        Progress& progress, const CancelToken& cancel, const NoteSink& note);

// The network of params.model on `device`: a built-in one (seeded; --weights loaded) or a
// TorchScript module (probed; with `needHead`, a fresh seeded head when its classes are
// not the data's). `headNote` says when a head was replaced.
struct BuiltModel {
    std::unique_ptr<FeatureModel> model;
    ModelInput input;
};
BuiltModel buildModel(const Dataset& data, const FeatureParams& params, const torch::Device& device, bool needHead,
                      const NoteSink& note, std::string& headNote);

// Trains for params.epochs, or restores the weights an earlier identical training stored
// in `cacheFile` with its training dynamics (dynamicsFile(cacheFile); weights
// without them are trained again) and stores both there after training (empty: no
// cache). Fills `out`'s weightsFromCache, epochLoss, dynamics and training figures.
void trainOrRestore(FeatureModel& model, const Dataset& data, const FeatureParams& params, const ModelInput& input,
                    const torch::Device& device, const std::filesystem::path& cacheFile, Progress& progress,
                    const CancelToken& cancel, const NoteSink& note, ComputedFeatures& out);

// The trained-weights cache file of `view` (the dataset with --limit applied) under these
// parameters: <cache dir>/weights/<key>.pt; empty without training (params.epochs == 0).
std::filesystem::path trainedWeightsFile(const Dataset& view, const FeatureParams& params);

// The training dynamics cached with trained weights <cache>/weights/<key>.pt:
// <cache>/dynamics/<key>.npy (N x 3 float32, TrainingDynamics::pack).
std::filesystem::path dynamicsFile(const std::filesystem::path& weightsCacheFile);

// "torchscript:FILE" -> FILE; empty for other models.
std::filesystem::path torchScriptFile(const std::string& model);

} // namespace dq
