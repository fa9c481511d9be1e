#include "models/internal/DeviceProbe.h"

#include <atomic>
#include <mutex>
#include <stdexcept>

namespace dq {
namespace {

struct ProbeState {
    std::mutex mutex;
    std::vector<DeviceProbe::Entry> tensors;
    std::map<std::string, std::int64_t> hostReads;
};

std::atomic<ProbeState*> g_probe{nullptr};
std::mutex g_probeLifetime; // held by the live probe's reads against its destruction

} // namespace

DeviceProbe::DeviceProbe()
{
    ProbeState* expected = nullptr;
    if (!g_probe.compare_exchange_strong(expected, new ProbeState))
        throw std::logic_error("a DeviceProbe is already alive");
}

DeviceProbe::~DeviceProbe()
{
    std::lock_guard<std::mutex> lock(g_probeLifetime);
    delete g_probe.exchange(nullptr);
}

std::vector<DeviceProbe::Entry> DeviceProbe::tensors() const
{
    ProbeState* s = g_probe.load();
    std::lock_guard<std::mutex> lock(s->mutex);
    return s->tensors;
}

std::map<std::string, std::int64_t> DeviceProbe::hostReads() const
{
    ProbeState* s = g_probe.load();
    std::lock_guard<std::mutex> lock(s->mutex);
    return s->hostReads;
}

bool probeActive() { return g_probe.load(std::memory_order_relaxed) != nullptr; }

void probeTensor(const char* stage, const torch::Tensor& t)
{
    if (!g_probe.load(std::memory_order_relaxed))
        return;
    std::lock_guard<std::mutex> life(g_probeLifetime);
    if (ProbeState* s = g_probe.load()) {
        std::lock_guard<std::mutex> lock(s->mutex);
        s->tensors.push_back({stage, t.device()});
    }
}

void probeHostRead(const char* stage)
{
    if (!g_probe.load(std::memory_order_relaxed))
        return;
    std::lock_guard<std::mutex> life(g_probeLifetime);
    if (ProbeState* s = g_probe.load()) {
        std::lock_guard<std::mutex> lock(s->mutex);
        ++s->hostReads[stage];
    }
}

} // namespace dq
