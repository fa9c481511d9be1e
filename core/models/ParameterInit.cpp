#include "models/internal/ParameterInit.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/nn/init.h>

#include <cmath>

namespace dq {

at::Generator seededGenerator(std::uint64_t seed) { return at::make_generator<at::CPUGeneratorImpl>(seed); }

namespace {

// Draws on the CPU and copies, so that a model gets the same weights on every device.
void fillUniform(const torch::Tensor& t, double bound, at::Generator& gen)
{
    torch::Tensor cpu = torch::empty(t.sizes(), t.options().device(torch::kCPU));
    cpu.uniform_(-bound, bound, gen);
    t.copy_(cpu);
}

} // namespace

void initDefault(const torch::Tensor& weight, const torch::Tensor& bias, at::Generator& gen)
{
    torch::NoGradGuard noGrad;
    const std::int64_t fanIn = weight.numel() / weight.size(0);
    const double bound = fanIn > 0 ? 1.0 / std::sqrt(static_cast<double>(fanIn)) : 0.0;
    fillUniform(weight, bound, gen);
    if (bias.defined())
        fillUniform(bias, bound, gen);
}

void initKaimingNormalFanOut(const torch::Tensor& weight, at::Generator& gen)
{
    torch::NoGradGuard noGrad;
    const std::int64_t fanOut = weight.size(0) * (weight.numel() / (weight.size(0) * weight.size(1)));
    const double stddev = std::sqrt(2.0 / static_cast<double>(fanOut));
    torch::Tensor cpu = torch::empty(weight.sizes(), weight.options().device(torch::kCPU));
    cpu.normal_(0.0, stddev, gen);
    weight.copy_(cpu);
}

void initNorm(torch::nn::Module& norm)
{
    torch::NoGradGuard noGrad;
    for (auto& p : norm.named_parameters(false)) {
        if (p.key() == "weight")
            p.value().fill_(1.0);
        else if (p.key() == "bias")
            p.value().zero_();
    }
    for (auto& b : norm.named_buffers(false)) {
        if (b.key() == "running_var")
            b.value().fill_(1.0);
        else
            b.value().zero_();
    }
}

} // namespace dq
