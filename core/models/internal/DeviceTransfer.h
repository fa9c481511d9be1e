#pragma once
#include <torch/types.h>

namespace dq {

// Where the loaders put a tensor that is about to be copied to `device`: page-locked
// (pinned) host memory when it is a CUDA device, so that the copy runs asynchronously
// beside the compute; ordinary memory for the CPU (pinning needs a CUDA LibTorch).
torch::TensorOptions hostOptionsFor(const torch::Device& device, torch::ScalarType dtype);

// A host tensor on `device`: the tensor itself for the CPU (no copy, so CPU results stay
// bit-identical), else a non-blocking copy from pinned memory (pinned here if it is not).
torch::Tensor toDevice(const torch::Tensor& host, const torch::Device& device);

} // namespace dq
