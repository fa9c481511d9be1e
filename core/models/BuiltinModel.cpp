#include "models/internal/BuiltinModel.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "models/internal/ConvNet.h"
#include "models/internal/ResNet.h"

namespace dq {

const std::vector<std::string>& builtinModelNames()
{
    static const std::vector<std::string> names = {"convnet", "resnet18", "resnet18-imagenet"};
    return names;
}

std::shared_ptr<ImageClassifier> makeClassifier(const BuiltinModelOptions& o)
{
    std::shared_ptr<ImageClassifier> net;
    if (o.name == "convnet") {
        ConvNetOptions c;
        c.channels = o.channels;
        c.classes = o.classes;
        c.height = o.height;
        c.width = o.width;
        c.netWidth = o.convnetWidth;
        net = std::make_shared<ConvNetImpl>(c);
    } else if (o.name == "resnet18" || o.name == "resnet18-imagenet") {
        ResNetOptions r;
        r.channels = o.channels;
        r.classes = o.classes;
        r.stem = o.name == "resnet18" ? ResNetStem::Cifar : ResNetStem::ImageNet;
        net = std::make_shared<ResNet18Impl>(r);
    } else {
        throw FieldError("model", "unknown model '" + o.name +
                                      "' (expected convnet, resnet18, resnet18-imagenet, pixels or torchscript:FILE)");
    }
    net->initialize(o.seed);
    return net;
}

void checkOutputShape(const torch::Tensor& t, std::int64_t rows, const std::string& what, const std::string& source)
{
    if (!t.defined() || t.dim() != 2 || t.size(0) != rows) {
        std::string shape = "undefined";
        if (t.defined()) {
            shape = "[";
            for (std::int64_t k = 0; k < t.dim(); ++k)
                shape += (k ? ", " : "") + std::to_string(t.size(k));
            shape += "]";
        }
        throw Error(source, what + " has shape " + shape + " for a batch of " + std::to_string(rows) + " images; expected " +
                                std::to_string(rows) + " x K (2-D, one row per image)");
    }
    if (t.scalar_type() != torch::kFloat && t.scalar_type() != torch::kDouble && t.scalar_type() != torch::kHalf &&
        t.scalar_type() != torch::kBFloat16)
        throw Error(source, what + " is not a floating-point tensor");
}

ClassifierOutput BuiltinModel::run(const torch::Tensor& images, bool wantEmbedding)
{
    ClassifierOutput out = net_->run(images);
    if (!wantEmbedding)
        out.embedding = torch::Tensor();
    out.featureMap = torch::Tensor();
    return out;
}

std::vector<NamedTensor> BuiltinModel::state() { return stateInOrder(*net_); }

std::vector<NamedTensor> stateInOrder(const torch::nn::Module& module)
{
    std::vector<NamedTensor> out;
    for (const auto& m : module.named_modules("", true)) {
        const std::string prefix = m.key().empty() ? "" : m.key() + ".";
        for (const auto& p : m.value()->named_parameters(false))
            out.push_back({prefix + p.key(), p.value(), false});
        for (const auto& b : m.value()->named_buffers(false))
            out.push_back({prefix + b.key(), b.value(), true});
    }
    return out;
}

} // namespace dq
