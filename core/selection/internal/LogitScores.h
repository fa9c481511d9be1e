#pragma once
#include "selection/SelectionParams.h"

#include <cstdint>
#include <string>
#include <vector>

namespace dq {

// Per-sample difficulty (larger is harder) from a trained model's logits (rows x classes,
// float32, row-major) and the labels:
//   el2n             || softmax(z) - onehot(y) ||_2              (Paul et al., 2021)
//   grand            el2n * sqrt(||e||^2 + 1): the norm of the last layer's gradient of
//                    the cross-entropy (weights and bias), e the embedding (embedding
//                    rows, `dim` columns; needed only for grand)
//   least-confidence 1 - max p
//   margin           1 - (p1 - p2), p1 >= p2 the two largest probabilities
//   entropy          - sum p log p
// Softmax in double. Throws dq::Error naming `source` and the row for a NaN or infinite
// logit, and for a label outside the classes.
std::vector<double> logitScores(ScoreKind kind, const float* logits, std::int64_t rows, std::int64_t classes,
                                const std::vector<int>& labels, const float* embedding, std::int64_t dim,
                                const std::string& source);

} // namespace dq
