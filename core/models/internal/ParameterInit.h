#pragma once
#include <ATen/core/Generator.h>
#include <torch/nn/module.h>

#include <cstdint>

namespace dq {

// PyTorch's initialisation schemes drawn from an explicit generator, so that a seed
// fixes a model's initial weights without touching torch's global generator.
at::Generator seededGenerator(std::uint64_t seed);

// PyTorch's default for Conv2d and Linear: weight and bias uniform in +-1/sqrt(fan_in)
// (kaiming_uniform_ with a = sqrt(5)).
void initDefault(const torch::Tensor& weight, const torch::Tensor& bias, at::Generator& gen);
// torchvision's ResNet conv init: kaiming_normal_(mode="fan_out", nonlinearity="relu").
void initKaimingNormalFanOut(const torch::Tensor& weight, at::Generator& gen);
// Normalisation layers: weight 1, bias 0; running mean 0, variance 1, count 0.
void initNorm(torch::nn::Module& norm);

} // namespace dq
