#pragma once
#include "models/internal/ImageClassifier.h"

#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>

namespace dq {

// torchvision's BasicBlock: conv3x3 -> bn -> relu -> conv3x3 -> bn, plus the identity or
// a 1x1 conv + bn `downsample` shortcut; the same parameter names.
class BasicBlockImpl : public torch::nn::Module {
public:
    BasicBlockImpl(int inPlanes, int planes, int stride);
    torch::Tensor forward(const torch::Tensor& x);

    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr};
    torch::nn::BatchNorm2d bn1{nullptr}, bn2{nullptr};
    torch::nn::Sequential downsample{nullptr}; // null for the identity shortcut
};
TORCH_MODULE(BasicBlock);

enum class ResNetStem {
    Cifar, // conv 3x3 stride 1, no max-pool (DeepCore's CIFAR ResNet)
    ImageNet // conv 7x7 stride 2 and max-pool 3x3 stride 2 (torchvision)
};

struct ResNetOptions {
    int channels = 3;
    int classes = 10;
    ResNetStem stem = ResNetStem::Cifar;
};

// ResNet-18 with torchvision's layout and state_dict names (conv1, bn1, layer1.0.conv1,
// layer2.0.downsample.0, ..., fc), so torchvision checkpoints load into the ImageNet form.
// Global average pooling makes it take any input size.
class ResNet18Impl : public ImageClassifier {
public:
    explicit ResNet18Impl(const ResNetOptions& options);

    torch::Tensor featureMap(const torch::Tensor& images) override;
    torch::Tensor embed(const torch::Tensor& featureMap) override;
    torch::nn::Linear head() override { return fc; }
    void initialize(std::uint64_t seed) override;
    std::string architecture() const override;

    ResNetOptions options;
    torch::nn::Conv2d conv1{nullptr};
    torch::nn::BatchNorm2d bn1{nullptr};
    torch::nn::Sequential layer1{nullptr}, layer2{nullptr}, layer3{nullptr}, layer4{nullptr};
    torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(ResNet18);

} // namespace dq
