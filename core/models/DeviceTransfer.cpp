#include "models/internal/DeviceTransfer.h"

namespace dq {

torch::TensorOptions hostOptionsFor(const torch::Device& device, torch::ScalarType dtype)
{
    return torch::TensorOptions().dtype(dtype).device(torch::kCPU).pinned_memory(device.is_cuda());
}

torch::Tensor toDevice(const torch::Tensor& host, const torch::Device& device)
{
    if (host.device() == device)
        return host;
    if (device.is_cuda() && host.device().is_cpu())
        return (host.is_pinned() ? host : host.pin_memory()).to(device, /*non_blocking=*/true);
    return host.to(device);
}

} // namespace dq
