#pragma once
// Torch-free views of the built-in networks, for tools, the GUI's model panel and tests:
// their state_dict names and shapes, the shapes they produce, and their outputs on given
// images.
#include "io/Npy.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace dq {

struct ModelSpec {
    std::string name = "convnet"; // convnet | resnet18 | resnet18-imagenet
    int channels = 1;
    int classes = 10;
    int height = 28;
    int width = 28;
    int convnetWidth = 128;
    std::uint64_t seed = 0;
};

struct TensorSummary {
    std::string name; // state_dict name, e.g. "layer1.0.conv1.weight"
    std::vector<std::int64_t> shape;
    bool buffer = false;
};

struct ModelSummary {
    std::vector<TensorSummary> state; // in state_dict order
    std::int64_t parameterCount = 0;
    // Shapes for a batch of two images.
    std::vector<std::int64_t> logits, embedding, featureMap;
};

ModelSummary summarizeModel(const ModelSpec& spec);

struct ModelOutputs {
    NpyArray logits, embedding, featureMap; // float32
};

// Runs the network (in eval mode; `weights`: a PyTorch state_dict file or empty) on
// N x C x H x W float32 images, already normalised.
ModelOutputs runModel(const ModelSpec& spec, const std::filesystem::path& weights, const NpyArray& images);

// The reference's gradient factor b = d CE(softmax(z), y) / dz for N x C logits, by the
// closed form the extractor uses, or by autograd through the reference's expression.
NpyArray gradientFactor(const NpyArray& logits, const std::vector<std::int64_t>& labels, bool autograd);

} // namespace dq
