#include "models/internal/BatchLoader.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "datasets/Dataset.h"
#include "models/internal/DeviceTransfer.h"

namespace dq {

BatchLoader::BatchLoader(const Dataset& dataset, std::vector<std::int64_t> order, int batchSize, ModelInput input,
                         const CancelToken& cancel, torch::Device destination, int prefetch)
        : dataset_(dataset), order_(std::move(order)), batchSize_(batchSize > 0 ? batchSize : 1), encoder_(std::move(input)),
          cancel_(cancel), destination_(destination), prefetch_(static_cast<std::size_t>(prefetch > 0 ? prefetch : 1))
{
    thread_ = std::thread([this] { produce(); });
}

BatchLoader::~BatchLoader()
{
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
}

std::int64_t BatchLoader::batchCount() const
{
    return (static_cast<std::int64_t>(order_.size()) + batchSize_ - 1) / batchSize_;
}

bool BatchLoader::next(ImageBatch& batch)
{
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return !ready_.empty() || error_ || done_; });
    if (!ready_.empty()) {
        batch = std::move(ready_.front());
        ready_.pop_front();
        changed_.notify_all();
        return true;
    }
    if (error_)
        std::rethrow_exception(error_);
    return false;
}

void BatchLoader::produce()
{
    try {
        for (std::size_t first = 0; first < order_.size(); first += static_cast<std::size_t>(batchSize_)) {
            {
                std::unique_lock<std::mutex> lock(mutex_);
                changed_.wait(lock, [&] { return stop_ || ready_.size() < prefetch_; });
                if (stop_)
                    return;
            }
            cancel_.throwIfCancelled();
            ImageBatch b = makeBatch(first, std::min(order_.size(), first + static_cast<std::size_t>(batchSize_)));
            std::lock_guard<std::mutex> lock(mutex_);
            ready_.push_back(std::move(b));
            changed_.notify_all();
        }
    } catch (...) {
        std::lock_guard<std::mutex> lock(mutex_);
        error_ = std::current_exception();
    }
    std::lock_guard<std::mutex> lock(mutex_);
    done_ = true;
    changed_.notify_all();
}

ImageBatch BatchLoader::makeBatch(std::size_t first, std::size_t end) const
{
    const auto n = static_cast<std::int64_t>(end - first);
    ImageBatch b;
    const ModelInput& in = encoder_.input();
    b.images = torch::empty({n, in.channels, in.height, in.width}, hostOptionsFor(destination_, torch::kFloat));
    b.labels = torch::empty({n}, hostOptionsFor(destination_, torch::kLong));
    float* dst = b.images.data_ptr<float>();
    std::int64_t* labels = b.labels.data_ptr<std::int64_t>();
    const std::int64_t perImage = encoder_.floatsPerImage();
    b.indices.assign(order_.begin() + static_cast<std::ptrdiff_t>(first), order_.begin() + static_cast<std::ptrdiff_t>(end));
    for (std::int64_t k = 0; k < n; ++k) {
        const std::int64_t index = b.indices[static_cast<std::size_t>(k)];
        encoder_.encode(dataset_.image(index), dataset_, index, dst + k * perImage);
        labels[k] = dataset_.label(index);
    }
    return b;
}

torch::Tensor encodeImages(const InputEncoder& encoder, const Dataset& dataset, const std::vector<std::int64_t>& indices,
                           const std::vector<Image>& images)
{
    const ModelInput& in = encoder.input();
    const auto n = static_cast<std::int64_t>(images.size());
    torch::Tensor t = torch::empty({n, in.channels, in.height, in.width}, torch::kFloat);
    float* dst = t.data_ptr<float>();
    for (std::int64_t k = 0; k < n; ++k)
        encoder.encode(images[static_cast<std::size_t>(k)], dataset, indices[static_cast<std::size_t>(k)],
                       dst + k * encoder.floatsPerImage());
    return t;
}

} // namespace dq
