#include "models/internal/ConvNet.h"

#include "common/Error.h"
#include "models/internal/ParameterInit.h"

#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/modules/pooling.h>

namespace dq {

ConvNetImpl::ConvNetImpl(const ConvNetOptions& o) : options(o)
{
    if (o.channels <= 0 || o.classes <= 0 || o.depth <= 0 || o.netWidth <= 0)
        throw Error("convnet", "channels, classes, width and depth must be positive");
    torch::nn::Sequential seq;
    int in = o.channels, h = o.height, w = o.width;
    for (int d = 0; d < o.depth; ++d) {
        const int pad = (o.channels == 1 && d == 0) ? 3 : 1;
        seq->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(in, o.netWidth, 3).padding(pad)));
        h += 2 * pad - 2;
        w += 2 * pad - 2;
        seq->push_back(torch::nn::GroupNorm(torch::nn::GroupNormOptions(o.netWidth, o.netWidth).affine(true)));
        seq->push_back(torch::nn::ReLU(torch::nn::ReLUOptions(true)));
        seq->push_back(torch::nn::AvgPool2d(torch::nn::AvgPool2dOptions(2).stride(2)));
        h /= 2;
        w /= 2;
        in = o.netWidth;
    }
    if (h <= 0 || w <= 0)
        throw Error("convnet", "input of " + std::to_string(o.height) + "x" + std::to_string(o.width) +
                                   " is too small for " + std::to_string(o.depth) + " pooling blocks");
    features = register_module("features", seq);
    classifier = register_module("classifier", torch::nn::Linear(o.netWidth * h * w, o.classes));
}

torch::Tensor ConvNetImpl::featureMap(const torch::Tensor& images) { return features->forward(images); }

torch::Tensor ConvNetImpl::embed(const torch::Tensor& featureMap) { return featureMap.flatten(1); }

void ConvNetImpl::initialize(std::uint64_t seed)
{
    at::Generator gen = seededGenerator(seed);
    for (const auto& m : features->children()) {
        if (auto* conv = m->as<torch::nn::Conv2d>())
            initDefault(conv->weight, conv->bias, gen);
        else if (m->as<torch::nn::GroupNorm>())
            initNorm(*m);
    }
    initDefault(classifier->weight, classifier->bias, gen);
}

} // namespace dq
