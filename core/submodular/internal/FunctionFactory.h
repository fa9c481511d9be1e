#pragma once
#include "submodular/SubmodularFunction.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace dq {

class SimilaritySpace;
class CancelToken;

// The submodular function `kind` over the samples `pool` of `space` (GraphCut with
// coverage weight `lambda`), for a greedy selection of `budget`. Throws dq::Error naming
// --memory-limit when log-det's Cholesky rows would exceed `memoryLimitBytes`.
std::unique_ptr<SubmodularFunction> makeSubmodularFunction(FunctionKind kind, const SimilaritySpace& space,
                                                           const std::vector<std::int64_t>& pool, std::int64_t budget,
                                                           double lambda, std::int64_t memoryLimitBytes,
                                                           const CancelToken& cancel);

} // namespace dq
