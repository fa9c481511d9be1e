#pragma once
#include <torch/types.h>

#include <string>

namespace dq {

// Resolves --device: "auto" (CUDA when this LibTorch build and the machine have it, else
// the CPU; `note` says why when the build has CUDA but no device is visible), "cpu",
// "cuda" or "cuda:N". Throws dq::Error when CUDA
// is requested but absent, dq::UsageError for anything else.
// Across ranks (torchrun, srun, mpirun), "auto" and "cuda" mean the GPU of the local rank.
torch::Device resolveDevice(const std::string& spec, std::string& note);

// The rule behind that: the CUDA index the local rank takes for `spec`, or -1 where the
// spec is resolved as in one process (one rank, no GPU, "cpu" or an explicit cuda:N).
// Throws dq::Error naming --device when the node has fewer GPUs than local ranks.
int rankDeviceIndex(const std::string& spec, int localRank, int worldSize, int cudaDevices);

std::string deviceName(const torch::Device& device); // "cpu", "cuda:0"

} // namespace dq
