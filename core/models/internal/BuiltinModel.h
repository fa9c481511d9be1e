#pragma once
#include "models/internal/FeatureModel.h"

#include <memory>

namespace dq {

// The names `--model` accepts for the built-in networks.
const std::vector<std::string>& builtinModelNames();

struct BuiltinModelOptions {
    std::string name; // convnet | resnet18 | resnet18-imagenet
    int channels = 1;
    int classes = 10;
    int height = 28;
    int width = 28;
    int convnetWidth = 128; // channels of ConvNet's blocks
    std::uint64_t seed = 0;
};

// Builds a built-in classifier with its seeded initial weights. Throws dq::UsageError for
// an unknown name.
std::shared_ptr<ImageClassifier> makeClassifier(const BuiltinModelOptions& options);

// FeatureModel over a built-in classifier.
class BuiltinModel : public FeatureModel {
public:
    explicit BuiltinModel(std::shared_ptr<ImageClassifier> net) : net_(std::move(net)) { }

    ClassifierOutput run(const torch::Tensor& images, bool wantEmbedding) override;
    std::vector<torch::Tensor> parameters() override { return net_->parameters(); }
    std::vector<NamedTensor> state() override;
    void setTraining(bool training) override { net_->train(training); }
    void to(const torch::Device& device) override { net_->to(device); }
    std::int64_t classCount() const override { return net_->classCount(); }
    std::int64_t embeddingDim() const override { return net_->embeddingDim(); }

    ImageClassifier& network() { return *net_; }

private:
    std::shared_ptr<ImageClassifier> net_;
};

// Parameters and buffers in state_dict order (per module, pre-order: its parameters,
// then its buffers), the order torch.nn.Module.state_dict() uses.
std::vector<NamedTensor> stateInOrder(const torch::nn::Module& module);

} // namespace dq
