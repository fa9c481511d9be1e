// The torch half of common/Threads.h: it lives in libdqtorch so that the engine stays
// free of LibTorch and OpenCV.
#include "common/Threads.h"

#include "common/internal/CpuTensorCache.h"

#include <ATen/Parallel.h>
#include <opencv2/core.hpp>

namespace dq {

int configureThreads(int threads)
{
    installCpuTensorCache();
    const int n = setWorkerThreads(threads);
    at::set_num_threads(n);
    cv::setNumThreads(n);
    return n;
}

} // namespace dq
