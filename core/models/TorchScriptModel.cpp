#include "models/internal/TorchScriptModel.h"

#include "common/Error.h"
#include "models/internal/BuiltinModel.h"
#include "models/internal/ParameterInit.h"

#include <torch/csrc/autograd/grad_mode.h>
#include <torch/csrc/jit/serialization/import.h>

namespace dq {
namespace {

std::string firstLine(const std::string& s)
{
    const auto nl = s.find('\n');
    return nl == std::string::npos ? s : s.substr(0, nl);
}

std::vector<float> floatList(const c10::IValue& v, const std::string& name, const std::string& source)
{
    std::vector<float> out;
    if (v.isDoubleList()) {
        for (double d : v.toDoubleVector())
            out.push_back(static_cast<float>(d));
    } else if (v.isTensor()) {
        const torch::Tensor t = v.toTensor().to(torch::kFloat).flatten().contiguous();
        out.assign(t.data_ptr<float>(), t.data_ptr<float>() + t.numel());
    } else if (v.isList() || v.isTuple()) {
        const auto items = v.isList() ? v.toListRef().vec() : v.toTupleRef().elements().vec();
        for (const auto& x : items) {
            if (!x.isDouble() && !x.isInt())
                throw Error(source, "attribute '" + name + "' must be a list of numbers");
            out.push_back(static_cast<float>(x.isDouble() ? x.toDouble() : static_cast<double>(x.toInt())));
        }
    } else {
        throw Error(source, "attribute '" + name + "' must be a list of numbers, got " + v.tagKind());
    }
    return out;
}

} // namespace

TorchScriptModel::TorchScriptModel(const std::filesystem::path& file) : file_(file)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        throw Error(source(), "no such TorchScript file");
    try {
        module_ = torch::jit::load(file.string(), torch::Device(torch::kCPU));
    } catch (const std::exception& e) {
        throw Error(source(), "not a TorchScript module (torch.jit.save output): " + firstLine(e.what()));
    }
    module_.eval();
    hasEmbed_ = module_.find_method("embed").has_value();
    hasClassify_ = module_.find_method("classify").has_value();
    if (module_.hasattr("input_size")) {
        const c10::IValue v = module_.attr("input_size");
        if (v.isInt()) {
            hints_.height = hints_.width = static_cast<int>(v.toInt());
        } else if ((v.isIntList() && v.toIntVector().size() == 2)) {
            hints_.height = static_cast<int>(v.toIntVector()[0]);
            hints_.width = static_cast<int>(v.toIntVector()[1]);
        } else if (v.isTuple() && v.toTupleRef().elements().size() == 2 && v.toTupleRef().elements()[0].isInt()) {
            hints_.height = static_cast<int>(v.toTupleRef().elements()[0].toInt());
            hints_.width = static_cast<int>(v.toTupleRef().elements()[1].toInt());
        } else {
            throw Error(source(), "attribute 'input_size' must be an int or [height, width]");
        }
        if (hints_.height <= 0 || hints_.width <= 0)
            throw Error(source(), "attribute 'input_size' must be positive");
    }
    if (module_.hasattr("input_channels")) {
        const c10::IValue v = module_.attr("input_channels");
        if (!v.isInt() || v.toInt() <= 0)
            throw Error(source(), "attribute 'input_channels' must be a positive int");
        hints_.channels = static_cast<int>(v.toInt());
    }
    if (module_.hasattr("mean") != module_.hasattr("std"))
        throw Error(source(), "give both attributes 'mean' and 'std' or neither");
    if (module_.hasattr("mean")) {
        hints_.mean = floatList(module_.attr("mean"), "mean", source());
        hints_.std = floatList(module_.attr("std"), "std", source());
        if (hints_.mean.size() != hints_.std.size() || hints_.mean.empty())
            throw Error(source(), "attributes 'mean' and 'std' must have the same, non-zero length");
        for (float s : hints_.std)
            if (!(s > 0))
                throw Error(source(), "attribute 'std' must hold positive values");
    }
}

torch::Tensor TorchScriptModel::call(const std::string& method, const torch::Tensor& x, const std::string& what)
{
    c10::IValue r;
    try {
        r = module_.get_method(method)({x});
    } catch (const c10::Error& e) {
        throw Error(source(), "method " + method + "(x) failed on a " + std::to_string(x.size(1)) + " x " +
                                  std::to_string(x.size(2)) + " x " + std::to_string(x.size(3)) +
                                  " input: " + firstLine(e.what_without_backtrace()));
    }
    if (!r.isTensor())
        throw Error(source(), "method " + method + "(x) returned " + r.tagKind() + "; expected the " + what + " tensor");
    return r.toTensor();
}

void TorchScriptModel::probe(int channels, int height, int width, const torch::Device& device)
{
    const torch::Tensor x = torch::zeros({2, channels, height, width}, torch::TensorOptions().device(device));
    c10::IValue r;
    try {
        r = module_.forward({x});
    } catch (const c10::Error& e) {
        throw Error(source(), "forward(x) failed on a 2 x " + std::to_string(channels) + " x " + std::to_string(height) +
                                  " x " + std::to_string(width) + " input: " + firstLine(e.what_without_backtrace()));
    }
    torch::Tensor logits, embedding;
    if (r.isTuple()) {
        const auto& items = r.toTupleRef().elements();
        if (items.size() != 2 || !items[0].isTensor() || !items[1].isTensor())
            throw Error(source(), "forward(x) returned a tuple that is not (logits, embedding)");
        forwardTuple_ = true;
        logits = items[0].toTensor();
        embedding = items[1].toTensor();
    } else if (r.isTensor()) {
        logits = r.toTensor();
        if (!hasEmbed_)
            throw Error(source(), "has no method embed(x) and its forward(x) returns only logits; the contract "
                                  "(README, 'Feature models') needs embed(x) -> N x D or forward returning "
                                  "(logits, embedding)");
        embedding = call("embed", x, "embedding");
    } else {
        throw Error(source(), "forward(x) returned " + r.tagKind() + "; expected logits or (logits, embedding)");
    }
    checkOutputShape(logits, 2, "forward(x)'s logits", source());
    checkOutputShape(embedding, 2, forwardTuple_ ? "forward(x)'s embedding" : "embed(x)", source());
    if (hasEmbed_ && hasClassify_) {
        const torch::Tensor viaHead = call("classify", call("embed", x, "embedding"), "logits");
        checkOutputShape(viaHead, 2, "classify(embed(x))", source());
        if (viaHead.size(1) != logits.size(1))
            throw Error(source(), "classify(embed(x)) gives " + std::to_string(viaHead.size(1)) +
                                      " classes but forward(x) " + std::to_string(logits.size(1)));
    }
    classes_ = logits.size(1);
    dim_ = embedding.size(1);
}

void TorchScriptModel::replaceHead(int classes, std::uint64_t seed)
{
    head_ = torch::nn::Linear(dim_, classes);
    at::Generator gen = seededGenerator(seed);
    initDefault(head_->weight, head_->bias, gen);
    classes_ = classes;
}

void TorchScriptModel::reinitialize(std::uint64_t seed)
{
    torch::NoGradGuard noGrad;
    at::Generator gen = seededGenerator(seed);
    const auto tensorAttr = [](const torch::jit::Module& m, const char* name) {
        return m.hasattr(name) && m.attr(name).isTensor() ? m.attr(name).toTensor() : torch::Tensor();
    };
    for (const auto& named : module_.named_modules()) {
        const torch::jit::Module& m = named.value;
        if (m.named_parameters(false).size() == 0)
            continue;
        std::string type = m.type()->name() ? m.type()->name()->name() : std::string("?");
        if (type.rfind("Conv", 0) == 0 || type == "Linear") {
            initDefault(tensorAttr(m, "weight"), tensorAttr(m, "bias"), gen);
        } else if (type.find("Norm") != std::string::npos) {
            for (const char* ones : {"weight", "running_var"})
                if (const torch::Tensor t = tensorAttr(m, ones); t.defined())
                    t.fill_(1.0);
            for (const char* zeros : {"bias", "running_mean", "num_batches_tracked"})
                if (const torch::Tensor t = tensorAttr(m, zeros); t.defined())
                    t.zero_();
        } else {
            throw Error(source(), "module '" + (named.name.empty() ? std::string("(top)") : named.name) + "' (" + type +
                                      ") holds parameters that cannot be initialised afresh: an evaluation trains "
                                      "Conv, Linear and normalisation layers from scratch");
        }
    }
    if (head_)
        initDefault(head_->weight, head_->bias, gen);
}

ClassifierOutput TorchScriptModel::run(const torch::Tensor& images, bool wantEmbedding)
{
    const std::int64_t n = images.size(0);
    ClassifierOutput out;
    if (hasEmbed_ && (hasClassify_ || head_)) {
        out.embedding = call("embed", images, "embedding");
        checkOutputShape(out.embedding, n, "embed(x)", source());
        out.logits = head_ ? head_->forward(out.embedding) : call("classify", out.embedding, "logits");
    } else if (forwardTuple_) {
        const c10::IValue r = module_.forward({images});
        out.logits = r.toTupleRef().elements()[0].toTensor();
        out.embedding = r.toTupleRef().elements()[1].toTensor();
        checkOutputShape(out.embedding, n, "forward(x)'s embedding", source());
        if (head_)
            out.logits = head_->forward(out.embedding);
    } else {
        out.logits = call("forward", images, "logits");
        if (wantEmbedding)
            out.embedding = call("embed", images, "embedding");
    }
    checkOutputShape(out.logits, n, "the logits", source());
    if (out.logits.size(1) != classes_)
        throw Error(source(), "the logits have " + std::to_string(out.logits.size(1)) + " columns, not " +
                                  std::to_string(classes_) + " as on the first batch");
    if (out.embedding.defined()) {
        checkOutputShape(out.embedding, n, "the embedding", source());
        if (out.embedding.size(1) != dim_)
            throw Error(source(), "the embedding has " + std::to_string(out.embedding.size(1)) + " columns, not " +
                                      std::to_string(dim_) + " as on the first batch");
        out.embedding = out.embedding.to(torch::kFloat);
    }
    out.logits = out.logits.to(torch::kFloat);
    if (!wantEmbedding)
        out.embedding = torch::Tensor();
    return out;
}

void TorchScriptModel::checkCamMethods() const
{
    for (const char* method : {"feature_map", "classify_feature_map"})
        if (!module_.find_method(method))
            throw Error(source(), std::string("has no method ") + method +
                                      "; class-activation maps need feature_map(x) -> N x K x h x w and "
                                      "classify_feature_map(f) -> logits (README, 'Feature models')");
}

torch::Tensor TorchScriptModel::featureMap(const torch::Tensor& images)
{
    checkCamMethods();
    const torch::Tensor f = call("feature_map", images, "feature map");
    if (f.dim() != 4 || f.size(0) != images.size(0))
        throw Error(source(), "feature_map(x) returned a " + std::to_string(f.dim()) + "-D tensor of " +
                                  std::to_string(f.dim() > 0 ? f.size(0) : 0) + " rows for " +
                                  std::to_string(images.size(0)) + " images; expected N x K x h x w");
    return f;
}

torch::Tensor TorchScriptModel::classifyFeatureMap(const torch::Tensor& featureMap)
{
    checkCamMethods();
    const torch::Tensor logits = call("classify_feature_map", featureMap, "logits");
    checkOutputShape(logits, featureMap.size(0), "classify_feature_map(f)", source());
    return logits.to(torch::kFloat);
}

std::vector<torch::Tensor> TorchScriptModel::parameters()
{
    std::vector<torch::Tensor> out;
    for (const auto& p : module_.parameters())
        if (p.requires_grad())
            out.push_back(p);
    if (head_)
        for (const auto& p : head_->parameters())
            out.push_back(p);
    return out;
}

std::vector<NamedTensor> TorchScriptModel::state()
{
    std::vector<NamedTensor> out;
    for (const auto& p : module_.named_parameters())
        out.push_back({p.name, p.value, false});
    for (const auto& b : module_.named_buffers())
        out.push_back({b.name, b.value, true});
    if (head_)
        for (const auto& p : head_->named_parameters())
            out.push_back({"dq_head." + p.key(), p.value(), false});
    return out;
}

void TorchScriptModel::setTraining(bool training)
{
    module_.train(training);
    if (head_)
        head_->train(training);
}

void TorchScriptModel::to(const torch::Device& device)
{
    module_.to(device);
    if (head_)
        head_->to(device);
}

} // namespace dq
