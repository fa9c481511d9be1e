#pragma once
// Core-private (LibTorch): the transformer block of the MAE, timm's VisionTransformer
// Block with the names (and so the state-dict keys) of timm 0.3-0.9:
// norm1, attn.qkv, attn.proj, norm2, mlp.fc1, mlp.fc2.
#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>

namespace dq {

// timm Attention: one qkv projection (with bias), scaled dot-product attention per head
// (scale head_dim^-0.5), output projection. No dropout (the MAE uses none).
struct MaeAttentionImpl : torch::nn::Module {
    MaeAttentionImpl(int dim, int heads);
    torch::Tensor forward(const torch::Tensor& x);

    int heads;
    double scale;
    torch::nn::Linear qkv{nullptr}, proj{nullptr};
};
TORCH_MODULE(MaeAttention);

// timm Mlp: fc1, exact (erf) GELU, fc2.
struct MaeMlpImpl : torch::nn::Module {
    MaeMlpImpl(int dim, int hidden);
    torch::Tensor forward(const torch::Tensor& x);

    torch::nn::Linear fc1{nullptr}, fc2{nullptr};
};
TORCH_MODULE(MaeMlp);

// x + attn(norm1(x)), then x + mlp(norm2(x)); LayerNorm eps 1e-6 as the MAE's
// partial(nn.LayerNorm, eps=1e-6).
struct MaeBlockImpl : torch::nn::Module {
    MaeBlockImpl(int dim, int heads, double mlpRatio);
    torch::Tensor forward(torch::Tensor x);

    torch::nn::LayerNorm norm1{nullptr}, norm2{nullptr};
    MaeAttention attn{nullptr};
    MaeMlp mlp{nullptr};
};
TORCH_MODULE(MaeBlock);

// LayerNorm over the last dimension with the MAE's eps.
torch::nn::LayerNorm maeLayerNorm(int dim);

} // namespace dq
