#pragma once
// Core-private: one evaluation run, a fresh network trained on a subset and tested after
// every epoch.
#include "evaluation/EvaluationParams.h"
#include "models/ModelInput.h"

#include <torch/types.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace dq {

class Dataset;
class FeatureModel;
class Progress;
class CancelToken;
class RankGroup;

// Splits of up to this size are encoded once and kept in memory (Fashion-MNIST's and
// CIFAR-10's; an ImageNet split is streamed).
inline constexpr std::int64_t kInMemoryBytes = 512LL << 20;

// A split's network inputs, encoded once and held in memory (when they fit): every epoch
// and run then reads them without decoding again.
struct EncodedImages {
    torch::Tensor images; // N x C x H x W float32, normalised, CPU
    torch::Tensor labels; // N int64
};
// The images of `data` encoded for `input`, or nothing when they would take more than
// `budgetBytes` (then they are streamed, decoded on a producer thread, batch by batch).
std::optional<EncodedImages> encodeInMemory(const Dataset& data, const ModelInput& input, std::int64_t budgetBytes,
                                            const CancelToken& cancel);

// A fresh network of the recipe's model, initialised from `seed`, on the run's device.
using ModelFactory = std::function<std::unique_ptr<FeatureModel>(std::uint64_t seed)>;

struct RunSetup {
    const Dataset* subset = nullptr; // the training samples (labels from the train split)
    const Dataset* test = nullptr;
    const EncodedImages* testImages = nullptr; // the test split in memory, or null: streamed
    ModelInput input; // normalisation and size the network sees
    torch::Device device = torch::kCPU;
    EvaluationRecipe recipe;
    ModelFactory makeModel;
    std::uint64_t seed = 0;
    std::string label; // "dq (2/4), seed 1" for the progress line
    // Data-parallel across the ranks of a group of several (null: this process alone).
    // Every rank trains its contiguous share of each batch with the same augmentation as in
    // one process, the gradients are summed each step, and each rank tests a shard of the
    // test split: the run of one process up to rounding. Only for networks without batch
    // statistics (BatchNorm would normalise each share by itself).
    RankGroup* group = nullptr;
};

// Trains a freshly initialised network (makeModel(seed)) with SGD,
// momentum, weight decay and a cosine schedule over all steps; epoch e visits the subset
// in trainingOrder(n, seed, e) and augments with SeededRandom(seed, stream of e). Tests
// on the whole test split after every epoch. Adds each image trained or tested to
// `progress` (as `done`; across ranks every batch trained and this rank's test shard),
// calls onEpoch after every epoch and checks `cancel` between batches. Throws dq::Error
// when the loss stops being finite.
SeedRun trainAndTest(const RunSetup& setup, Progress& progress, std::int64_t& done, const CancelToken& cancel,
                     const std::function<void(const EpochRecord&)>& onEpoch);

// The built-in models the evaluation trains: "convnet" and "resnet18" (CIFAR form); also
// "torchscript:FILE".
const std::vector<std::string>& evaluationModels();

} // namespace dq
