#include "common/internal/CpuTensorCache.h"

#include <c10/core/CPUAllocator.h>
#include <c10/core/impl/alloc_cpu.h>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace dq {
namespace {

// Smaller blocks come from glibc's heap, which reuses them without page faults.
constexpr std::size_t kCachedFrom = std::size_t{1} << 20;

class CachingCpuAllocator final : public c10::Allocator {
public:
    explicit CachingCpuAllocator(std::size_t cap) : cap_(cap) { }

    // LibTorch 1.13 declares allocate() const, 2.3 and later not, and 2.x adds copy_data():
    // both spellings are defined without `override`, so each version overrides its own
    // (docs/libtorch-compat.md).
    c10::DataPtr allocate(std::size_t n) { return allocateBlock(n); }
    c10::DataPtr allocate(std::size_t n) const { return allocateBlock(n); }
    void copy_data(void* dest, const void* src, std::size_t count) const { std::memcpy(dest, src, count); }

    // One deleter for every block (LibTorch's raw_allocate/raw_deallocate need it): blocks
    // it does not know are the small ones, freed at once.
    c10::DeleterFnPtr raw_deleter() const override { return &release; }

    CpuTensorCacheStats stats() const
    {
        std::lock_guard<std::mutex> lock(mutex_);
        return {hits_, misses_, cached_};
    }

private:
    static void release(void* p);

    c10::DataPtr allocateBlock(std::size_t n) const
    {
        if (n < kCachedFrom) {
            void* p = c10::alloc_cpu(n);
            return {p, p, &release, c10::Device(c10::DeviceType::CPU)};
        }
        void* p = nullptr;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            auto it = free_.find(n);
            if (it != free_.end() && !it->second.empty()) {
                p = it->second.back();
                it->second.pop_back();
                cached_ -= n;
                ++hits_;
            } else {
                ++misses_;
            }
        }
        if (!p)
            p = c10::alloc_cpu(n); // 64-byte aligned; throws c10::Error when memory runs out
        {
            std::lock_guard<std::mutex> lock(mutex_);
            sizes_[p] = n;
        }
        return {p, p, &release, c10::Device(c10::DeviceType::CPU)};
    }

    // Keeps the block, making room by freeing blocks of other sizes (a loop's sizes change
    // when it moves on: the last, smaller batch, the next stage), or frees it when it
    // alone exceeds the cap. The frees run outside the lock.
    void keepOrFree(void* p) const
    {
        std::vector<void*> evicted;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            auto it = sizes_.find(p);
            const std::size_t n = it == sizes_.end() ? 0 : it->second;
            if (n > 0)
                sizes_.erase(it);
            if (n == 0 || n > cap_) {
                evicted.push_back(p);
            } else {
                for (auto f = free_.begin(); f != free_.end() && cached_ + n > cap_;) {
                    if (f->first == n) {
                        ++f;
                        continue;
                    }
                    while (!f->second.empty() && cached_ + n > cap_) {
                        evicted.push_back(f->second.back());
                        f->second.pop_back();
                        cached_ -= f->first;
                    }
                    f = f->second.empty() ? free_.erase(f) : std::next(f);
                }
                if (cached_ + n <= cap_) {
                    free_[n].push_back(p);
                    cached_ += n;
                } else {
                    evicted.push_back(p); // the rest is blocks of its own size
                }
            }
        }
        for (void* q : evicted)
            c10::free_cpu(q);
    }

    std::size_t cap_;
    mutable std::mutex mutex_;
    mutable std::unordered_map<std::size_t, std::vector<void*>> free_;
    mutable std::unordered_map<void*, std::size_t> sizes_;
    mutable std::size_t cached_ = 0;
    mutable std::int64_t hits_ = 0, misses_ = 0;
};

// Never destroyed: tensors may outlive every other static.
CachingCpuAllocator* g_cache = nullptr;
std::once_flag g_installed;

void CachingCpuAllocator::release(void* p) { g_cache->keepOrFree(p); }

std::size_t defaultCap()
{
    const long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGESIZE);
    const std::size_t most = std::size_t{512} << 20;
    if (pages <= 0 || pageSize <= 0)
        return most;
    return std::min(most, static_cast<std::size_t>(pages) * static_cast<std::size_t>(pageSize) / 16);
}

} // namespace

void installCpuTensorCache(std::size_t capBytes)
{
    const char* setting = std::getenv("DQ_CPU_TENSOR_CACHE");
    if (setting && std::string(setting) == "0")
        return;
    std::call_once(g_installed, [capBytes] {
        g_cache = new CachingCpuAllocator(capBytes > 0 ? capBytes : defaultCap());
        // Above the default allocator's priority (0), so LibTorch's CPU tensors use it.
        c10::SetCPUAllocator(g_cache, 1);
    });
}

CpuTensorCacheStats cpuTensorCacheStats() { return g_cache ? g_cache->stats() : CpuTensorCacheStats{}; }

} // namespace dq
