#include "models/internal/ModelInspection.h"

#include "common/Error.h"
#include "models/internal/BuiltinModel.h"
#include "models/internal/GradientFactor.h"
#include "models/internal/PretrainedWeights.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/nn/functional/loss.h>

#include <cstring>

namespace dq {
namespace {

std::shared_ptr<ImageClassifier> build(const ModelSpec& s)
{
    BuiltinModelOptions o;
    o.name = s.name;
    o.channels = s.channels;
    o.classes = s.classes;
    o.height = s.height;
    o.width = s.width;
    o.convnetWidth = s.convnetWidth;
    o.seed = s.seed;
    return makeClassifier(o);
}

std::vector<std::int64_t> shapeOf(const torch::Tensor& t) { return t.sizes().vec(); }

NpyArray toNpy(const torch::Tensor& t)
{
    const torch::Tensor c = t.detach().to(torch::kCPU).to(torch::kFloat).contiguous();
    NpyArray a;
    a.dtype = DType::Float32;
    a.shape = shapeOf(c);
    a.bytes.resize(static_cast<std::size_t>(c.numel()) * sizeof(float));
    std::memcpy(a.bytes.data(), c.data_ptr<float>(), a.bytes.size());
    return a;
}

torch::Tensor fromNpy(const NpyArray& a, const char* what)
{
    if (a.dtype != DType::Float32)
        throw Error(what, "expected float32");
    return torch::from_blob(const_cast<std::uint8_t*>(a.bytes.data()), a.shape, torch::kFloat).clone();
}

} // namespace

ModelSummary summarizeModel(const ModelSpec& spec)
{
    auto net = build(spec);
    net->eval();
    ModelSummary s;
    for (const auto& t : stateInOrder(*net))
        s.state.push_back({t.name, shapeOf(t.tensor), t.buffer});
    for (const auto& p : net->parameters())
        s.parameterCount += p.numel();
    c10::InferenceMode inference;
    const ClassifierOutput o = net->run(torch::zeros({2, spec.channels, spec.height, spec.width}));
    s.logits = shapeOf(o.logits);
    s.embedding = shapeOf(o.embedding);
    s.featureMap = shapeOf(o.featureMap);
    return s;
}

ModelOutputs runModel(const ModelSpec& spec, const std::filesystem::path& weights, const NpyArray& images)
{
    auto net = build(spec);
    if (!weights.empty())
        loadPretrainedWeights(*net, weights);
    net->eval();
    c10::InferenceMode inference;
    const ClassifierOutput o = net->run(fromNpy(images, "images"));
    return {toNpy(o.logits), toNpy(o.embedding), toNpy(o.featureMap)};
}

NpyArray gradientFactor(const NpyArray& logits, const std::vector<std::int64_t>& labels, bool autograd)
{
    const torch::Tensor z = fromNpy(logits, "logits");
    const torch::Tensor y = torch::tensor(labels, torch::kLong);
    if (!autograd)
        return toNpy(referenceGradientFactor(z, y));
    // The reference: criterion(softmax(outputs), targets), differentiated w.r.t. outputs.
    const torch::Tensor zz = z.to(torch::kDouble).requires_grad_(true);
    const torch::Tensor loss =
        torch::nn::functional::cross_entropy(at::softmax(zz, 1), y,
                                             torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum));
    return toNpy(torch::autograd::grad({loss}, {zz})[0]);
}

} // namespace dq
