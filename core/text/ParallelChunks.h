#pragma once
#include <cstdint>
#include <functional>

namespace dq {

class Progress;
class CancelToken;

// Runs body(begin, end, worker) over [0, n) in chunks of `chunk` items on up to `threads`
// threads (0: workerThreads()); worker is 0 .. threads-1, for per-thread scratch. The calling
// thread reports progress.update(progressBase + items done) every 20 ms and forwards a
// cancel; workers stop between chunks. Rethrows the first exception of a worker.
// Returns the number of threads used.
int parallelChunks(std::int64_t n, std::int64_t chunk, int threads,
                   const std::function<void(std::int64_t begin, std::int64_t end, int worker)>& body,
                   Progress& progress, std::int64_t progressBase, const CancelToken& cancel);

int resolveThreads(int threads, std::int64_t items);

} // namespace dq
