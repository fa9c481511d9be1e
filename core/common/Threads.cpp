#include "common/Threads.h"

#include <atomic>
#include <sched.h>
#include <thread>

namespace dq {
namespace {

std::atomic<int> g_threads{0}; // 0: not configured

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
    return n;
}

int workerThreads()
{
    const int n = g_threads.load();
    return n > 0 ? n : availableCores();
}

} // namespace dq
