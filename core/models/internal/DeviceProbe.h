#pragma once
#include <torch/types.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace dq {

// A test hook that proves device hygiene on a machine without a GPU. While a DeviceProbe
// is alive, the torch stages report the device of every tensor they hand to a model's
// forward, an optimizer step, the CAM or the MAE (probeTensor), and each time they read
// a result back to the host inside a loop (probeHostRead). Without a live probe each
// call costs one relaxed atomic load. One probe at a time.
class DeviceProbe {
public:
    struct Entry {
        std::string stage;
        torch::Device device;
    };
    DeviceProbe();
    ~DeviceProbe();
    DeviceProbe(const DeviceProbe&) = delete;
    DeviceProbe& operator=(const DeviceProbe&) = delete;

    std::vector<Entry> tensors() const;
    std::map<std::string, std::int64_t> hostReads() const; // per stage
};

bool probeActive(); // a probe is alive: worth collecting what it would record
void probeTensor(const char* stage, const torch::Tensor& t);
void probeHostRead(const char* stage);

} // namespace dq
