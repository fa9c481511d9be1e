#include "common/Threads.h"

#include <atomic>
#include <dlfcn.h>
#include <sched.h>
#include <thread>

namespace dq {
namespace {

std::atomic<int> g_threads{0}; // 0: not configured

// OpenBLAS (Debian's libblas.so.3 where libopenblas0-pthread is installed; LibTorch's matrix
// products and the engine's Gram blocks run on it) keeps its own pool of one thread per
// core, which spins on sched_yield between calls. Left alone it ignored --threads: with
// `--threads 1` a rank's idle BLAS thread took a fifth of the other core, so two ranks on
// two cores slowed each other. Looked up at run time: another BLAS (the reference one,
// BLIS) has no such pool and no such function.
void setBlasThreads(int n)
{
    using SetThreads = void (*)(int);
    if (const auto set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
        set(n);
}

} // namespace

int availableCores()
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        const int n = CPU_COUNT(&set);
        if (n > 0)
            return n;
    }
    const unsigned hw = std::thread::hardware_concurrency();
    return hw > 0 ? static_cast<int>(hw) : 1;
}

int setWorkerThreads(int threads)
{
    const int n = threads > 0 ? threads : g_threads.load() > 0 ? g_threads.load() : availableCores();
    g_threads = n;
    setBlasThreads(n);
    return n;
}

int workerThreads()
{
    const int n = g_threads.load();
    return n > 0 ? n : availableCores();
}

} // namespace dq
