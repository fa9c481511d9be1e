#include "pixel/internal/CamNetwork.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "models/internal/BuiltinModel.h"
#include "models/internal/TorchScriptModel.h"

namespace dq {
namespace {

class BuiltinCamNetwork : public CamNetwork {
public:
    explicit BuiltinCamNetwork(ImageClassifier& net) : net_(net) { }

    torch::Tensor featureMap(const torch::Tensor& images) override { return net_.featureMap(images); }
    torch::Tensor logitsFromFeatureMap(const torch::Tensor& featureMap) override
    {
        return net_.head()->forward(net_.embed(featureMap));
    }

private:
    ImageClassifier& net_;
};

class TorchScriptCamNetwork : public CamNetwork {
public:
    explicit TorchScriptCamNetwork(TorchScriptModel& model) : model_(model) { }

    torch::Tensor featureMap(const torch::Tensor& images) override { return model_.featureMap(images); }
    torch::Tensor logitsFromFeatureMap(const torch::Tensor& featureMap) override
    {
        return model_.classifyFeatureMap(featureMap);
    }

private:
    TorchScriptModel& model_;
};

} // namespace

std::unique_ptr<CamNetwork> camNetwork(FeatureModel& model)
{
    model.setTraining(false);
    if (auto* builtin = dynamic_cast<BuiltinModel*>(&model))
        return std::make_unique<BuiltinCamNetwork>(builtin->network());
    if (auto* script = dynamic_cast<TorchScriptModel*>(&model)) {
        script->checkCamMethods(); // fail before the first batch
        return std::make_unique<TorchScriptCamNetwork>(*script);
    }
    throw FieldError("model", "this model has no convolutional feature map for class-activation maps");
}

} // namespace dq
