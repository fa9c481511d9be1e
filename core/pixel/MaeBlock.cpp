#include "pixel/internal/MaeBlock.h"

#include "common/Error.h"

#include <torch/nn/functional/activation.h>

#include <cmath>

namespace dq {

torch::nn::LayerNorm maeLayerNorm(int dim) { return torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim}).eps(1e-6)); }

MaeAttentionImpl::MaeAttentionImpl(int dim, int heads_) : heads(heads_)
{
    if (heads <= 0 || dim % heads != 0)
        throw Error("MAE configuration",
                    "width " + std::to_string(dim) + " is not divisible by " + std::to_string(heads) + " attention heads");
    scale = 1.0 / std::sqrt(static_cast<double>(dim / heads));
    qkv = register_module("qkv", torch::nn::Linear(torch::nn::LinearOptions(dim, dim * 3).bias(true)));
    proj = register_module("proj", torch::nn::Linear(dim, dim));
}

torch::Tensor MaeAttentionImpl::forward(const torch::Tensor& x)
{
    const std::int64_t b = x.size(0), n = x.size(1), c = x.size(2);
    const torch::Tensor t = qkv->forward(x).reshape({b, n, 3, heads, c / heads}).permute({2, 0, 3, 1, 4});
    const torch::Tensor q = t[0], k = t[1], v = t[2];
    const torch::Tensor attention = (torch::matmul(q, k.transpose(-2, -1)) * scale).softmax(-1);
    return proj->forward(torch::matmul(attention, v).transpose(1, 2).reshape({b, n, c}));
}

MaeMlpImpl::MaeMlpImpl(int dim, int hidden)
{
    fc1 = register_module("fc1", torch::nn::Linear(dim, hidden));
    fc2 = register_module("fc2", torch::nn::Linear(hidden, dim));
}

torch::Tensor MaeMlpImpl::forward(const torch::Tensor& x) { return fc2->forward(torch::gelu(fc1->forward(x))); }

MaeBlockImpl::MaeBlockImpl(int dim, int heads, double mlpRatio)
{
    norm1 = register_module("norm1", maeLayerNorm(dim));
    attn = register_module("attn", MaeAttention(dim, heads));
    norm2 = register_module("norm2", maeLayerNorm(dim));
    mlp = register_module("mlp", MaeMlp(dim, static_cast<int>(dim * mlpRatio)));
}

torch::Tensor MaeBlockImpl::forward(torch::Tensor x)
{
    x = x + attn->forward(norm1->forward(x));
    return x + mlp->forward(norm2->forward(x));
}

} // namespace dq
