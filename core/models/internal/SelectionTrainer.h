#pragma once
#include "models/ModelInput.h"
#include "models/internal/FeatureModel.h"
#include "models/internal/TrainingDynamics.h"

#include <cstdint>
#include <vector>

namespace dq {

class Dataset;
class Progress;
class CancelToken;

// The reference's selection training (DeepCore's EarlyTrain settings).
struct TrainingParams {
    int epochs = 0;
    double learningRate = 0.1;
    double momentum = 0.9;
    double weightDecay = 5e-4;
    bool nesterov = true;
    int batchSize = 128;
    std::uint64_t seed = 0;
};

struct TrainingReport {
    std::vector<double> epochLoss; // mean cross-entropy over each epoch's batches
    std::int64_t images = 0; // images seen
    double seconds = 0;
    TrainingDynamics dynamics; // every presentation: correct or not, margin (forgetting, AUM)
};

// Epoch e visits the samples in the order of a Fisher-Yates shuffle driven by
// dq::SeededRandom(seed, trainingShuffleStream(e)) (SplitMix64); the last, partial batch
// is kept. Reports per batch (stage "training", detail "epoch e/E, loss x") and checks
// `cancel` between batches.
TrainingReport trainSelectionModel(FeatureModel& model, const Dataset& dataset, const ModelInput& input,
                                   const torch::Device& device, const TrainingParams& params, Progress& progress,
                                   const CancelToken& cancel);

std::vector<std::int64_t> trainingOrder(std::int64_t count, std::uint64_t seed, int epoch);
std::uint64_t trainingShuffleStream(int epoch);

} // namespace dq
