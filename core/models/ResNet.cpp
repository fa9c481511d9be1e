#include "models/internal/ResNet.h"

#include "common/Error.h"
#include "models/internal/ParameterInit.h"

#include <torch/nn/functional/activation.h>
#include <torch/nn/functional/pooling.h>

namespace F = torch::nn::functional;

namespace dq {
namespace {

torch::nn::Conv2d conv(int in, int out, int kernel, int stride, int padding)
{
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(padding).bias(false));
}

torch::nn::Sequential makeLayer(int& inPlanes, int planes, int stride)
{
    torch::nn::Sequential layer(BasicBlock(inPlanes, planes, stride), BasicBlock(planes, planes, 1));
    inPlanes = planes;
    return layer;
}

} // namespace

BasicBlockImpl::BasicBlockImpl(int inPlanes, int planes, int stride)
{
    conv1 = register_module("conv1", conv(inPlanes, planes, 3, stride, 1));
    bn1 = register_module("bn1", torch::nn::BatchNorm2d(planes));
    conv2 = register_module("conv2", conv(planes, planes, 3, 1, 1));
    bn2 = register_module("bn2", torch::nn::BatchNorm2d(planes));
    if (stride != 1 || inPlanes != planes)
        downsample = register_module("downsample", torch::nn::Sequential(conv(inPlanes, planes, 1, stride, 0),
                                                                         torch::nn::BatchNorm2d(planes)));
}

torch::Tensor BasicBlockImpl::forward(const torch::Tensor& x)
{
    torch::Tensor out = F::relu(bn1->forward(conv1->forward(x)), F::ReLUFuncOptions(true));
    out = bn2->forward(conv2->forward(out));
    out += downsample ? downsample->forward(x) : x;
    return F::relu(out, F::ReLUFuncOptions(true));
}

ResNet18Impl::ResNet18Impl(const ResNetOptions& o) : options(o)
{
    if (o.channels <= 0 || o.classes <= 0)
        throw Error("resnet18", "channels and classes must be positive");
    conv1 = register_module("conv1",
                            o.stem == ResNetStem::Cifar ? conv(o.channels, 64, 3, 1, 1) : conv(o.channels, 64, 7, 2, 3));
    bn1 = register_module("bn1", torch::nn::BatchNorm2d(64));
    int in = 64;
    layer1 = register_module("layer1", makeLayer(in, 64, 1));
    layer2 = register_module("layer2", makeLayer(in, 128, 2));
    layer3 = register_module("layer3", makeLayer(in, 256, 2));
    layer4 = register_module("layer4", makeLayer(in, 512, 2));
    fc = register_module("fc", torch::nn::Linear(512, o.classes));
}

std::string ResNet18Impl::architecture() const
{
    return options.stem == ResNetStem::Cifar ? "resnet18" : "resnet18-imagenet";
}

torch::Tensor ResNet18Impl::featureMap(const torch::Tensor& images)
{
    torch::Tensor x = F::relu(bn1->forward(conv1->forward(images)), F::ReLUFuncOptions(true));
    if (options.stem == ResNetStem::ImageNet)
        x = F::max_pool2d(x, F::MaxPool2dFuncOptions(3).stride(2).padding(1));
    x = layer1->forward(x);
    x = layer2->forward(x);
    x = layer3->forward(x);
    return layer4->forward(x);
}

torch::Tensor ResNet18Impl::embed(const torch::Tensor& featureMap)
{
    return F::adaptive_avg_pool2d(featureMap, F::AdaptiveAvgPool2dFuncOptions(1)).flatten(1);
}

void ResNet18Impl::initialize(std::uint64_t seed)
{
    at::Generator gen = seededGenerator(seed);
    // torchvision: kaiming_normal_ (fan_out) for every conv, ones/zeros for norms, the
    // default Linear init for fc; visited in registration order.
    for (const auto& m : modules(false)) {
        if (auto* c = m->as<torch::nn::Conv2d>())
            initKaimingNormalFanOut(c->weight, gen);
        else if (m->as<torch::nn::BatchNorm2d>())
            initNorm(*m);
    }
    initDefault(fc->weight, fc->bias, gen);
}

} // namespace dq
