#pragma once
// The one worker pool of the engine, the text pipeline and the selection methods: chunks of
// an index range on a few threads, the calling thread left to report progress and forward
// a cancel. No thread outlives the call.
#include <cstdint>
#include <functional>

namespace dq {

class Progress;
class CancelToken;

// body(begin, end, worker, stop) for chunks of `chunk` items of [0, n), on up to `threads`
// threads (0: workerThreads()); worker is 0 .. threads-1, for per-thread scratch. `stop`
// is cancelled when the caller cancels or a chunk throws: long chunks poll it, the others
// are not started. The chunks run on worker threads even when there is one, so that the
// calling thread can run onPoll(items done) about every 20 ms (progress inside one long
// chunk, as a bins pool's greedy, counts too) and forward a cancel at once.
// Errors: the lowest chunk's error, preferring a real error to the Cancelled it caused
// elsewhere, so that the same failure reads the same however the threads ran.
// Returns the number of threads used.
using ParallelBody = std::function<void(std::int64_t begin, std::int64_t end, int worker, const CancelToken& stop)>;
int parallelFor(std::int64_t n, std::int64_t chunk, int threads, const ParallelBody& body,
                const std::function<void(std::int64_t done)>& onPoll, const CancelToken& cancel);

// parallelFor with progress.update(progressBase + items done) as the poll.
int parallelChunks(std::int64_t n, std::int64_t chunk, int threads,
                   const std::function<void(std::int64_t begin, std::int64_t end, int worker)>& body, Progress& progress,
                   std::int64_t progressBase, const CancelToken& cancel);

// The threads a pool of `items` items uses: `threads` (0: workerThreads()), at most one
// per item, at least one.
int resolveThreads(int threads, std::int64_t items);

} // namespace dq
