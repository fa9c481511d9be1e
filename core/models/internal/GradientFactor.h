#pragma once
#include <torch/types.h>

namespace dq {

// The reference's last-layer gradient factor b = d loss / d z for every row, where the
// loss is cross-entropy applied to softmax(z) (the softmax output taken as logits, a
// quirk the reference keeps). With p = softmax(z), q = softmax(p), g = q - onehot(y):
//   b = p * (g - <p, g>)   (the softmax Jacobian applied to g).
// Per sample (sum reduction): the reference's batch mean only scales all b of a batch
// by 1/batch, which no cosine sees. Computed in float64, returned as float32.
torch::Tensor referenceGradientFactor(const torch::Tensor& logits, const torch::Tensor& labels);

} // namespace dq
