#pragma once
#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>

#include <cstdint>
#include <string>

namespace dq {

// What a classifier computes for a batch, all from one forward pass.
struct ClassifierOutput {
    torch::Tensor logits; // N x C
    torch::Tensor embedding; // N x D: the input of the last linear layer
    torch::Tensor featureMap; // N x K x h x w: the output of the last convolutional block (GradCAM)
};

// The common interface of the built-in networks (ConvNet, ResNet-18 in both forms):
// featureMap -> embed -> head. Core-private: it carries torch types.
class ImageClassifier : public torch::nn::Module {
public:
    ClassifierOutput run(const torch::Tensor& images);
    torch::Tensor forward(const torch::Tensor& images) { return run(images).logits; }

    // The last convolutional block's output for N x C x H x W images.
    virtual torch::Tensor featureMap(const torch::Tensor& images) = 0;
    // The penultimate embedding (N x D) from a feature map.
    virtual torch::Tensor embed(const torch::Tensor& featureMap) = 0;
    // The linear classifier (D -> C).
    virtual torch::nn::Linear head() = 0;
    // Replaces every parameter by its initial value drawn from a generator seeded with
    // `seed` (no global generator is touched), and resets buffers.
    virtual void initialize(std::uint64_t seed) = 0;

    virtual std::string architecture() const = 0; // "convnet", "resnet18", "resnet18-imagenet"
    std::int64_t classCount() { return head()->options.out_features(); }
    std::int64_t embeddingDim() { return head()->options.in_features(); }
};

} // namespace dq
