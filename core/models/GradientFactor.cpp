#include "models/internal/GradientFactor.h"

#include <ATen/ATen.h>

namespace dq {

torch::Tensor referenceGradientFactor(const torch::Tensor& logits, const torch::Tensor& labels)
{
    const torch::Tensor z = logits.to(torch::kDouble);
    const torch::Tensor p = at::softmax(z, 1);
    torch::Tensor g = at::softmax(p, 1);
    g.scatter_add_(1, labels.to(torch::kLong).view({-1, 1}), at::full({z.size(0), 1}, -1.0, z.options()));
    const torch::Tensor pg = (p * g).sum(1, true);
    return (p * (g - pg)).to(torch::kFloat);
}

} // namespace dq
