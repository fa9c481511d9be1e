#pragma once
// Core-private (libdqtorch): LibTorch's CPU tensors through a cache of freed blocks.
#include <cstddef>
#include <cstdint>

namespace dq {

// Makes LibTorch allocate CPU tensors through a cache that keeps freed blocks of 1 MiB and
// more (up to `capBytes` in all) and hands them out again for the same size. LibTorch's
// own CPU allocator frees every block: glibc serves blocks above 32 MiB with fresh mmaps,
// so a training or feature loop, whose batches allocate the same large activations every
// step, took a page fault on every 4 KiB page of them every step (42% of the CPU time of a
// 1-thread `dq features` run of 20,000 images was the kernel's). Idempotent; tensors made
// before keep their own deleters. capBytes 0: 512 MiB, or a sixteenth of the machine's
// memory where that is less. DQ_CPU_TENSOR_CACHE=0 in the environment leaves LibTorch's
// allocator alone.
void installCpuTensorCache(std::size_t capBytes = 0);

struct CpuTensorCacheStats {
    std::int64_t hits = 0; // allocations served from the cache
    std::int64_t misses = 0; // cached-size allocations that needed a new block
    std::size_t cachedBytes = 0; // freed blocks held now
};
CpuTensorCacheStats cpuTensorCacheStats();

} // namespace dq
