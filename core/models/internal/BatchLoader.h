#pragma once
#include "models/internal/InputEncoder.h"

#include <torch/types.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace dq {

class Dataset;
class CancelToken;

struct ImageBatch {
    torch::Tensor images; // N x C x H x W float32, normalised, on the CPU (pinned for CUDA)
    torch::Tensor labels; // N int64 (-1 for unlabelled samples)
    std::vector<std::int64_t> indices; // dataset index of each row
};

// Decodes, converts, resizes and normalises batches of a dataset on a producer thread,
// `prefetch` batches ahead of the consumer, so that decoding overlaps with compute and
// only those batches are ever in memory (an ImageFolder is streamed, never loaded whole).
// Gray images are repeated to 3 channels for a 3-channel model (as torchvision's
// convert("RGB") does); any other channel mismatch is an error naming the image.
class BatchLoader {
public:
    // `destination` is where the consumer copies the batches: for a CUDA device they are
    // made in pinned memory, so that toDevice() copies them without blocking.
    BatchLoader(const Dataset& dataset, std::vector<std::int64_t> order, int batchSize, ModelInput input,
                const CancelToken& cancel, torch::Device destination = torch::kCPU, int prefetch = 2);
    ~BatchLoader();
    BatchLoader(const BatchLoader&) = delete;
    BatchLoader& operator=(const BatchLoader&) = delete;

    // The next batch in order; false after the last. Rethrows the producer's error.
    bool next(ImageBatch& batch);
    std::int64_t batchCount() const;

private:
    void produce();
    ImageBatch makeBatch(std::size_t first, std::size_t end) const;

    const Dataset& dataset_;
    std::vector<std::int64_t> order_;
    int batchSize_;
    InputEncoder encoder_;
    const CancelToken& cancel_;
    torch::Device destination_;
    std::size_t prefetch_;

    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<ImageBatch> ready_;
    std::exception_ptr error_;
    bool done_ = false, stop_ = false;
    std::thread thread_;
};

// The network input (N x C x H x W) of images already decoded: images[k] is sample
// indices[k] of `dataset`, named in errors.
torch::Tensor encodeImages(const InputEncoder& encoder, const Dataset& dataset, const std::vector<std::int64_t>& indices,
                           const std::vector<Image>& images);

} // namespace dq
