#pragma once
#include "models/internal/ImageClassifier.h"

#include <torch/nn/modules/container/sequential.h>

namespace dq {

struct ConvNetOptions {
    int channels = 1;
    int classes = 10;
    int height = 28;
    int width = 28;
    int netWidth = 128;
    int depth = 3;
};

// ConvNet-3 of the dataset-distillation benchmarks (Zhao et al., DC/DSA/MTT): `depth`
// blocks of conv 3x3 (netWidth channels) -> instance norm (GroupNorm with one group per
// channel, affine) -> ReLU -> average pool 2, then a linear head on the flattened map.
// Like the original, the first convolution pads by 3 on 1-channel input, so 28 x 28
// digits are seen as 32 x 32. Parameter names follow it: features.<i>.*, classifier.*.
class ConvNetImpl : public ImageClassifier {
public:
    explicit ConvNetImpl(const ConvNetOptions& options);

    torch::Tensor featureMap(const torch::Tensor& images) override;
    torch::Tensor embed(const torch::Tensor& featureMap) override;
    torch::nn::Linear head() override { return classifier; }
    void initialize(std::uint64_t seed) override;
    std::string architecture() const override { return "convnet"; }

    ConvNetOptions options;
    torch::nn::Sequential features{nullptr};
    torch::nn::Linear classifier{nullptr};
};
TORCH_MODULE(ConvNet);

} // namespace dq
