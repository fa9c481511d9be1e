#pragma once
// Core-private (LibTorch): the masked autoencoder ViT of facebookresearch/mae
// (models_mae.py MaskedAutoencoderViT) with its module structure and parameter names, so
// that the official checkpoints load key for key.
#include "pixel/internal/MaeBlock.h"
#include "pixel/internal/MaeConfig.h"

#include <ATen/core/Generator.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/conv.h>

#include <cstdint>

namespace dq {

struct MaeOutput {
    torch::Tensor loss; // scalar: mean squared error over the dropped patches
    torch::Tensor pred; // N x L x (p * p * C)
    torch::Tensor mask; // N x L float, 1 = dropped
};

struct MaeModelImpl : torch::nn::Module {
    // Builds the model and, when `initialize`, draws its weights as the official
    // initialize_weights does (xavier_uniform for every Linear and for the patch
    // projection seen as a matrix, normal(0, 0.02) for the tokens, biases 0) from a
    // generator seeded with `seed`. Without it the weights are whatever LibTorch's
    // defaults gave, for a checkpoint to replace. The position embeddings are always the
    // fixed 2-D sin-cos ones. torch's global generator is left in the state it had:
    // LibTorch's layers draw their defaults from it while being built, and its state is
    // restored afterwards (a thread drawing from it at that moment may see numbers twice).
    explicit MaeModelImpl(const MaeConfig& config, std::uint64_t seed = 0, bool initialize = true);

    // N x C x H x W -> N x L x (p * p * C), patches row-major, pixels (row, col, channel)
    // within a patch, as the official patchify. Throws dq::Error for another image shape.
    torch::Tensor patchify(const torch::Tensor& images) const;
    torch::Tensor unpatchify(const torch::Tensor& patches) const;

    // The decoder's prediction of every patch (N x L x p*p*C, in the space of the
    // normalised input) when the encoder sees exactly the patches `keepIds` (N x k int64,
    // in that order; every row the same count, no repeats). Images are N x C x H x W,
    // normalised as in training.
    torch::Tensor predict(const torch::Tensor& images, const torch::Tensor& keepIds);
    // N x C x H x W: the input where a patch was kept, the prediction where it was
    // dropped (the official x * (1 - mask) + y * mask; kept patches are bit-exact).
    // Runs without recording gradients.
    torch::Tensor reconstruct(const torch::Tensor& images, const torch::Tensor& keepIds);
    // N x L float mask, 1 where a patch is not in keepIds.
    torch::Tensor droppedMask(const torch::Tensor& keepIds) const;

    // Pre-training step as the official forward(imgs) with random masking: a uniform
    // random `maskRatio` of the patches of each image is dropped (int(L * (1 - ratio))
    // kept), noise drawn from `generator` (a CPU generator).
    MaeOutput forwardRandomMasking(const torch::Tensor& images, double maskRatio, at::Generator& generator);
    // The official forward_loss: mean over dropped patches of the per-patch mean squared
    // error, against per-patch normalised targets with config().normPixLoss.
    torch::Tensor loss(const torch::Tensor& images, const torch::Tensor& pred, const torch::Tensor& mask) const;

    const MaeConfig& config() const { return config_; }

    torch::Tensor cls_token, pos_embed, mask_token, decoder_pos_embed;
    std::shared_ptr<torch::nn::Module> patch_embed;
    torch::nn::Conv2d proj{nullptr}; // patch_embed.proj
    torch::nn::ModuleList blocks{nullptr}, decoder_blocks{nullptr};
    torch::nn::LayerNorm norm{nullptr}, decoder_norm{nullptr};
    torch::nn::Linear decoder_embed{nullptr}, decoder_pred{nullptr};

private:
    void initializeWeights(std::uint64_t seed);
    void checkImages(const torch::Tensor& images) const;
    void checkKeepIds(const torch::Tensor& keepIds, std::int64_t batch) const;
    torch::Tensor encode(const torch::Tensor& images, const torch::Tensor& keepIds);
    torch::Tensor decode(const torch::Tensor& latent, const torch::Tensor& keepIds);

    MaeConfig config_;
};
TORCH_MODULE(MaeModel);

// The official get_2d_sincos_pos_embed(dim, grid, cls_token=True): (grid^2 + 1) x dim,
// a zero row for the class token, then per patch sin/cos of the column (first half of
// the dimensions) and of the row (second half).
torch::Tensor maeSinCosPositions(int dim, int grid);

} // namespace dq
