#pragma once
#include "models/internal/FeatureModel.h"

#include <string>
#include <vector>

namespace dq {

// A model's parameters and buffers as bytes: torch.save's zip format holding a plain
// dict {name: tensor} (CPU tensors), so Python's torch.load reads it too.
std::string serializeState(const std::vector<NamedTensor>& state);

// Copies saved tensors into `into` (same names, same shapes). Throws dq::Error naming
// `source` when the bytes are not such a file, or a key is missing, unexpected or has
// another shape.
void restoreState(const std::vector<NamedTensor>& into, const std::string& bytes, const std::string& source);

} // namespace dq
