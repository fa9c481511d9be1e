#pragma once
#include "models/internal/FeatureModel.h"

#include <torch/csrc/jit/api/module.h>
#include <torch/nn/modules/linear.h>

#include <filesystem>
#include <optional>

namespace dq {

// What a TorchScript module says about its input through optional attributes (README,
// "Feature models"): input_size (int or [H, W]), input_channels (int), mean and std
// (per-channel lists applied to pixel / 255).
struct TorchScriptInputHints {
    int channels = 0; // 0: not given
    int height = 0;
    int width = 0;
    std::vector<float> mean, std;
};

// A user's TorchScript classifier under the documented contract:
//   forward(x) -> logits N x C, or a tuple (logits N x C, embedding N x D);
//   embed(x) -> embedding N x D (needed unless forward returns the tuple);
//   classify(e) -> logits (optional: with embed, one pass gives both);
//   feature_map(x) -> N x K x h x w and classify_feature_map(f) -> logits (optional: for
//   class-activation maps, the last convolutional block and what follows it).
class TorchScriptModel : public FeatureModel {
public:
    // Loads the file onto the CPU; throws dq::Error naming it when it is not TorchScript.
    explicit TorchScriptModel(const std::filesystem::path& file);

    const TorchScriptInputHints& hints() const { return hints_; }
    // Runs a batch of two blank images of this shape (on the model's device) to learn the
    // class count and embedding size and to check the contract; throws dq::Error naming
    // the file and the method at fault.
    void probe(int channels, int height, int width, const torch::Device& device);
    // Puts a fresh linear head (seeded, PyTorch's default init) on the embedding, as the
    // reference does when a pretrained backbone meets a dataset with other classes.
    void replaceHead(int classes, std::uint64_t seed);
    bool headReplaced() const { return static_cast<bool>(head_); }
    // Gives every parameter the initial value PyTorch's layer would, drawn from a generator
    // seeded with `seed` (an evaluation trains the architecture from scratch, never the
    // file's weights): Conv and Linear layers initDefault, normalisation layers weight 1, bias
    // 0 and fresh running statistics, in the module's pre-order. Throws dq::Error naming a
    // submodule that holds parameters of any other kind of layer.
    void reinitialize(std::uint64_t seed);

    ClassifierOutput run(const torch::Tensor& images, bool wantEmbedding) override;
    std::vector<torch::Tensor> parameters() override;
    std::vector<NamedTensor> state() override;
    void setTraining(bool training) override;
    void to(const torch::Device& device) override;
    std::int64_t classCount() const override { return classes_; }
    std::int64_t embeddingDim() const override { return dim_; }

    // The optional CAM methods. They use the module's own logits (a replaced head is not
    // part of them). Throw dq::Error naming the file and the method when it is absent or
    // returns the wrong shape.
    void checkCamMethods() const;
    torch::Tensor featureMap(const torch::Tensor& images);
    torch::Tensor classifyFeatureMap(const torch::Tensor& featureMap);

private:
    std::string source() const { return file_.string(); }
    torch::Tensor call(const std::string& method, const torch::Tensor& x, const std::string& what);

    std::filesystem::path file_;
    torch::jit::Module module_;
    TorchScriptInputHints hints_;
    bool hasEmbed_ = false, hasClassify_ = false, forwardTuple_ = false;
    std::int64_t classes_ = 0, dim_ = 0;
    torch::nn::Linear head_{nullptr};
};

} // namespace dq
