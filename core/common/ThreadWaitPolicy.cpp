#include "common/ThreadWaitPolicy.h"

#include <cstdlib>
#include <unistd.h>

namespace dq {

void useShortThreadSpin(char** argv)
{
    if (std::getenv("GOMP_SPINCOUNT") || std::getenv("OMP_WAIT_POLICY"))
        return;
    // About a microsecond of spinning, then the threads sleep; measured on the pixel step
    // (GradCAM++ on ConvNet-3 + compact MAE, batch 64): 257 -> 485 images/s on 2 cores.
    if (::setenv("GOMP_SPINCOUNT", "1000", 1) != 0)
        return;
    ::execv("/proc/self/exe", argv);
    ::unsetenv("GOMP_SPINCOUNT"); // exec failed: nothing changed for this process
}

} // namespace dq
