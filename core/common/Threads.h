#pragma once

namespace dq {

// Sets LibTorch's intra-op thread count (it defaults to 1 on these machines) and
// OpenCV's. threads <= 0 means: all cores the process may use. Returns the count set.
int configureThreads(int threads = 0);

// Cores this process may run on (sched affinity), at least 1.
int availableCores();

} // namespace dq
