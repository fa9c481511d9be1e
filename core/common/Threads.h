#pragma once

namespace dq {

// The process's CPU thread count for the DQ engine and the text embedder: threads <= 0
// means the count set before, else all cores the process may use. Returns the count set.
// Also OpenBLAS's pool where OpenBLAS is the BLAS. Torch-free; configureThreads() also sets
// LibTorch's and OpenCV's.
int setWorkerThreads(int threads = 0);

// Sets the process's CPU thread count: LibTorch's intra-op threads (it defaults to 1 on
// these machines), OpenCV's, and the count workerThreads() gives the DQ engine and the
// text embedder (setWorkerThreads); also routes LibTorch's CPU tensors through a cache of
// freed blocks (common/internal/CpuTensorCache.h). Defined in libdqtorch
// (common/TorchThreads.cpp).
int configureThreads(int threads = 0);

// The count setWorkerThreads() or configureThreads() set; all available cores before any call.
int workerThreads();

// Cores this process may run on (sched affinity), at least 1.
int availableCores();

} // namespace dq
