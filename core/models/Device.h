#pragma once
#include <torch/types.h>

#include <string>

namespace dq {

// Resolves --device: "auto" (CUDA when this LibTorch build and the machine have it, else
// the CPU; `note` says why when the build has CUDA but no device is visible), "cpu",
// "cuda" or "cuda:N". Throws dq::Error when CUDA
// is requested but absent, dq::UsageError for anything else.
torch::Device resolveDevice(const std::string& spec, std::string& note);

std::string deviceName(const torch::Device& device); // "cpu", "cuda:0"

} // namespace dq
