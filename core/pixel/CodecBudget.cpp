#include "pixel/internal/CodecBudget.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "common/Progress.h"
#include "datasets/Dataset.h"
#include "pixel/internal/ImageQuality.h"

#include <opencv2/core.hpp>

#include <atomic>
#include <cstdlib>
#include <functional>
#include <map>
#include <mutex>

namespace dq {
namespace {

constexpr int kMinQuality = 1;
constexpr int kMaxQuality = 100;
// Images per parallel task: small enough for a cancel check every few milliseconds.
constexpr int kChunk = 64;

// Runs work(k) for every k in [0, n) on OpenCV's thread pool, checking `cancel` per chunk.
void forEachImage(std::size_t n, const CancelToken& cancel, const std::function<void(std::size_t)>& work)
{
    const int chunks = static_cast<int>((n + kChunk - 1) / kChunk);
    std::atomic<bool> failed{false};
    std::exception_ptr first;
    std::mutex mutex;
    cv::parallel_for_(cv::Range(0, chunks), [&](const cv::Range& range) {
        for (int c = range.start; c < range.end && !failed.load() && !cancel.isCancelled(); ++c) {
            const std::size_t end = std::min(n, static_cast<std::size_t>(c + 1) * kChunk);
            try {
                for (std::size_t k = static_cast<std::size_t>(c) * kChunk; k < end; ++k)
                    work(k);
            } catch (...) {
                const std::lock_guard<std::mutex> lock(mutex);
                if (!first)
                    first = std::current_exception();
                failed = true;
            }
        }
    });
    if (first)
        std::rethrow_exception(first);
    cancel.throwIfCancelled();
}

std::vector<std::int64_t> sizesAt(const std::vector<Image>& images, ImageCodec codec, int quality, const CancelToken& cancel)
{
    std::vector<std::int64_t> sizes(images.size());
    forEachImage(images.size(), cancel, [&](std::size_t k) {
        sizes[k] = static_cast<std::int64_t>(encodeImage(images[k], codec, quality).size());
    });
    return sizes;
}

std::int64_t sum(const std::vector<std::int64_t>& v)
{
    std::int64_t s = 0;
    for (const std::int64_t x : v)
        s += x;
    return s;
}

} // namespace

CodecFit fitCodecBudget(const std::vector<Image>& images, ImageCodec codec, std::int64_t targetBytes, double tolerance,
                        const CancelToken& cancel, const std::string& field, const std::string& subject)
{
    const std::string about = subject.empty() ? std::string() : subject + ": ";
    if (codec != ImageCodec::Jpeg && codec != ImageCodec::Webp)
        throw FieldError(field, about + "a byte budget needs a lossy codec (jpeg or webp), got " + imageCodecName(codec));
    if (targetBytes <= 0)
        throw FieldError(field, about + "the byte budget must be positive, got " + std::to_string(targetBytes));
    if (images.empty())
        throw FieldError(field, about + "no images to store");
    std::map<int, std::vector<std::int64_t>> sizes; // per quality, each image's bytes
    auto total = [&](int q) {
        auto it = sizes.find(q);
        if (it == sizes.end())
            it = sizes.emplace(q, sizesAt(images, codec, q, cancel)).first;
        return sum(it->second);
    };

    CodecFit fit;
    fit.codec = codec;
    fit.targetBytes = targetBytes;
    int low = kMinQuality, high = kMaxQuality;
    if (total(kMinQuality) >= targetBytes) {
        high = low; // even the lowest quality is over budget
    } else if (total(kMaxQuality) <= targetBytes) {
        low = high; // even the highest quality is under budget
    } else {
        // total(low) <= target < total(high)
        while (high - low > 1) {
            const int mid = (low + high) / 2;
            (total(mid) <= targetBytes ? low : high) = mid;
        }
    }
    const std::vector<std::int64_t>& atLow = sizes.at(low);
    const std::vector<std::int64_t>& atHigh = sizes.at(high);
    std::int64_t bytes = sum(atLow), best = bytes;
    std::int64_t moved = 0;
    for (std::size_t k = 0; k < images.size() && low != high; ++k) {
        bytes += atHigh[k] - atLow[k];
        if (std::llabs(bytes - targetBytes) < std::llabs(best - targetBytes)) {
            best = bytes;
            moved = static_cast<std::int64_t>(k) + 1;
        }
    }
    fit.qualityLow = low;
    fit.qualityHigh = high;
    fit.imagesAtHigh = low == high ? 0 : moved;
    fit.files.resize(images.size());
    forEachImage(images.size(), cancel,
                 [&](std::size_t k) { fit.files[k] = encodeImage(images[k], codec, fit.quality(k)); });
    fit.bytes = 0;
    for (const std::string& f : fit.files)
        fit.bytes += static_cast<std::int64_t>(f.size());
    fit.withinTolerance = std::llabs(fit.bytes - targetBytes) <= static_cast<std::int64_t>(tolerance * targetBytes);
    return fit;
}

std::vector<Image> decodeFit(const CodecFit& fit, const std::vector<Image>& images, const CancelToken& cancel)
{
    std::vector<Image> out(fit.files.size());
    forEachImage(fit.files.size(), cancel, [&](std::size_t k) {
        out[k] = decodeImage(fit.files[k], images[k].channels,
                             std::string(imageCodecName(fit.codec)) + " image " + std::to_string(k));
    });
    return out;
}

QualityTotals fitQuality(const CodecFit& fit, const std::vector<Image>& images, const CancelToken& cancel)
{
    std::vector<double> psnrs(images.size()), ssims(images.size());
    forEachImage(images.size(), cancel, [&](std::size_t k) {
        const Image decoded = decodeImage(fit.files[k], images[k].channels,
                                          std::string(imageCodecName(fit.codec)) + " image " + std::to_string(k));
        psnrs[k] = psnr(images[k], decoded);
        ssims[k] = ssimOrNan(images[k], decoded);
    });
    QualityTotals q;
    for (std::size_t k = 0; k < images.size(); ++k)
        q.add(psnrs[k], ssims[k]);
    return q;
}

} // namespace dq
