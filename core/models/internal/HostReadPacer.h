#pragma once
#include <torch/types.h>

#include <chrono>

namespace dq {

// When a training loop may read its running loss back to the host. On a CUDA device every
// read waits for the GPU to finish the queued work, so the loops keep their sums on the
// device and read them only on the first batch, then at most every `interval` (enough for
// the progress line), and at the end of an epoch. On the CPU a read costs nothing: every
// batch is due, and the progress shows each batch's loss as before.
class HostReadPacer {
public:
    explicit HostReadPacer(const torch::Device& device, std::chrono::milliseconds interval = std::chrono::milliseconds(250))
            : everyBatch_(!device.is_cuda()), interval_(interval)
    { }

    bool due()
    {
        if (everyBatch_)
            return true;
        const auto now = std::chrono::steady_clock::now();
        if (started_ && now - last_ < interval_)
            return false;
        started_ = true;
        last_ = now;
        return true;
    }

private:
    bool everyBatch_;
    std::chrono::milliseconds interval_;
    std::chrono::steady_clock::time_point last_;
    bool started_ = false;
};

} // namespace dq
