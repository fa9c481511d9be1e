#include "features/BatchLoader.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "datasets/Dataset.h"
#include "datasets/ImageFolderDataset.h"
#include "features/DatasetPrefix.h"

#include <opencv2/imgproc.hpp>

#include <cstring>

namespace dq {

std::string describeImage(const Dataset& dataset, std::int64_t index)
{
    const Dataset* d = &dataset;
    if (const auto* prefix = dynamic_cast<const DatasetPrefix*>(d))
        d = &prefix->base();
    std::string s = "image " + std::to_string(index);
    if (const auto* folder = dynamic_cast<const ImageFolderDataset*>(d))
        s += " (" + folder->file(index).string() + ")";
    return s;
}

BatchLoader::BatchLoader(const Dataset& dataset, std::vector<std::int64_t> order, int batchSize, ModelInput input,
                         const CancelToken& cancel, int prefetch)
    : dataset_(dataset), order_(std::move(order)), batchSize_(batchSize > 0 ? batchSize : 1), input_(std::move(input)),
      cancel_(cancel), prefetch_(static_cast<std::size_t>(prefetch > 0 ? prefetch : 1))
{
    const int c = input_.channels;
    lut_.resize(static_cast<std::size_t>(c) * 256);
    for (int ch = 0; ch < c; ++ch)
        for (int v = 0; v < 256; ++v) {
            float x = static_cast<float>(v) / 255.0f;
            if (!input_.mean.empty())
                x = (x - input_.mean[static_cast<std::size_t>(ch)]) / input_.std[static_cast<std::size_t>(ch)];
            lut_[static_cast<std::size_t>(ch) * 256 + static_cast<std::size_t>(v)] = x;
        }
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
    b.images = torch::empty({n, input_.channels, input_.height, input_.width}, torch::kFloat);
    b.labels = torch::empty({n}, torch::kLong);
    float* dst = b.images.data_ptr<float>();
    std::int64_t* labels = b.labels.data_ptr<std::int64_t>();
    const std::int64_t perImage = static_cast<std::int64_t>(input_.channels) * input_.height * input_.width;
    b.indices.assign(order_.begin() + static_cast<std::ptrdiff_t>(first), order_.begin() + static_cast<std::ptrdiff_t>(end));
    for (std::int64_t k = 0; k < n; ++k) {
        const std::int64_t index = b.indices[static_cast<std::size_t>(k)];
        fillImage(index, dst + k * perImage);
        labels[k] = dataset_.label(index);
    }
    return b;
}

void BatchLoader::fillImage(std::int64_t index, float* dst) const
{
    const Image img = dataset_.image(index);
    const int c = input_.channels;
    if (img.channels != c && !(img.channels == 1 && c == 3))
        throw Error(describeImage(dataset_, index),
                    "has " + std::to_string(img.channels) + " channel(s) but the model takes " + std::to_string(c) +
                        (c == 1 ? " (a gray-scale model cannot take colour images; choose a model for 3 channels)" : ""));
    const int h = input_.height, w = input_.width;
    const std::uint8_t* px = img.pixels.data();
    cv::Mat resized;
    if (img.height != h || img.width != w) {
        const cv::Mat src(img.height, img.width, CV_8UC(img.channels), const_cast<std::uint8_t*>(px));
        const bool shrink = img.height > h && img.width > w;
        cv::resize(src, resized, cv::Size(w, h), 0, 0, shrink ? cv::INTER_AREA : cv::INTER_LINEAR);
        px = resized.data;
    }
    const int sc = img.channels;
    const std::size_t plane = static_cast<std::size_t>(h) * static_cast<std::size_t>(w);
    for (int ch = 0; ch < c; ++ch) {
        const float* lut = lut_.data() + static_cast<std::size_t>(ch) * 256;
        const int srcCh = sc == 1 ? 0 : ch;
        float* out = dst + static_cast<std::size_t>(ch) * plane;
        for (std::size_t p = 0; p < plane; ++p)
            out[p] = lut[px[p * static_cast<std::size_t>(sc) + static_cast<std::size_t>(srcCh)]];
    }
}

} // namespace dq
