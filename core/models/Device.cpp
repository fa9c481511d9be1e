#include "models/internal/Device.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "distributed/RankGroup.h"

#include <ATen/Context.h>
#include <torch/cuda.h>

namespace dq {
namespace {

std::string whyNoCuda()
{
    if (!at::hasCUDA())
        return "this LibTorch build has no CUDA support (build against a CUDA LibTorch, see README 'CUDA')";
    return "no CUDA device is visible";
}

} // namespace

int rankDeviceIndex(const std::string& spec, int localRank, int worldSize, int cudaDevices)
{
    if (worldSize <= 1 || cudaDevices <= 0 || (spec != "auto" && spec != "cuda"))
        return -1;
    if (localRank >= cudaDevices)
        throw Error("device", "local rank " + std::to_string(localRank) + " of this node but only " +
                                  std::to_string(cudaDevices) + " CUDA device(s) are visible: start at most " +
                                  std::to_string(cudaDevices) + " ranks per node, or choose the device cuda:N");
    return localRank;
}

torch::Device resolveDevice(const std::string& spec, std::string& note)
{
    note.clear();
    // Across ranks each process of a node takes its own GPU, as torchrun users expect.
    const RankGroup& ranks = rankGroup();
    const int cudaDevices = torch::cuda::is_available() ? static_cast<int>(torch::cuda::device_count()) : 0;
    if (const int index = rankDeviceIndex(spec, ranks.localRank(), ranks.size(), cudaDevices); index >= 0)
        return torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(index));
    if (spec == "auto") {
        if (torch::cuda::is_available())
            return torch::Device(torch::kCUDA, 0);
        // A CPU-only LibTorch (Debian's) is expected to use the CPU: only a CUDA build that
        // finds no GPU is worth a note on every run.
        if (at::hasCUDA())
            note = "no CUDA: " + whyNoCuda() + "; using the CPU";
        return torch::Device(torch::kCPU);
    }
    if (spec == "cpu")
        return torch::Device(torch::kCPU);
    if (spec == "cuda" || spec.rfind("cuda:", 0) == 0) {
        int index = 0;
        if (spec.size() >= 5) { // "cuda:" and more: the number must be there
            const std::string digits = spec.substr(5);
            if (digits.empty() || digits.size() > 3 || digits.find_first_not_of("0123456789") != std::string::npos)
                throw FieldError("device", "'" + spec + "': expected cuda:N with a device number N");
            index = std::stoi(digits);
        }
        // A well-formed device this machine lacks is no usage error: a plain Error (exit 1).
        if (!torch::cuda::is_available())
            throw Error("device", spec + " requested but CUDA is not available: " + whyNoCuda() + "; choose cpu or auto");
        const auto count = static_cast<int>(torch::cuda::device_count());
        if (index >= count)
            throw Error("device", spec + " requested but only " + std::to_string(count) +
                                      " CUDA device(s) are visible (cuda:0 .. cuda:" + std::to_string(count - 1) + ")");
        return torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(index));
    }
    throw FieldError("device", "unknown device '" + spec + "' (expected auto, cpu, cuda or cuda:N)");
}

std::string deviceName(const torch::Device& device) { return device.str(); }

} // namespace dq
