#pragma once
#include "models/internal/ImageClassifier.h"

#include <torch/types.h>

#include <string>
#include <vector>

namespace dq {

// A parameter or buffer under its state_dict name.
struct NamedTensor {
    std::string name;
    torch::Tensor tensor;
    bool buffer = false;
};

// What feature extraction and selection training need from a network, built-in or
// TorchScript: logits and the penultimate embedding of a normalised batch.
class FeatureModel {
public:
    virtual ~FeatureModel() = default;

    // Logits (N x C) and, when wantEmbedding, the embedding (N x D) of N x C x H x W
    // images already on the model's device. Throws dq::Error for outputs of the wrong shape.
    virtual ClassifierOutput run(const torch::Tensor& images, bool wantEmbedding) = 0;
    // Trainable parameters (the optimiser's), and every parameter and buffer by name.
    virtual std::vector<torch::Tensor> parameters() = 0;
    virtual std::vector<NamedTensor> state() = 0;
    virtual void setTraining(bool training) = 0;
    virtual void to(const torch::Device& device) = 0;
    // Class count of the logits and embedding dimension, known after construction.
    virtual std::int64_t classCount() const = 0;
    virtual std::int64_t embeddingDim() const = 0;
};

// Checks an output's shape against the contract (rows x anything, 2-D).
void checkOutputShape(const torch::Tensor& t, std::int64_t rows, const std::string& what, const std::string& source);

} // namespace dq
