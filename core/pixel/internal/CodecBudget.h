#pragma once
// The selected images stored one file each in a lossy codec at qualities chosen so that
// their total bytes match a budget: the codec side of the equal-bytes comparisons
// (dq pixel --compare-codecs, dq evaluate's codec: subsets). No torch here.
#include "pixel/ImageCodec.h"

#include <cstdint>
#include <string>
#include <vector>

namespace dq {

struct Image;
class CancelToken;
struct QualityTotals;

// How the qualities were chosen. One quality for the whole set, found by bisection over
// 1..100 on the set's total bytes (the largest q whose total is at most the budget); then
// the first `imagesAtHigh` images (in the order given) move to q + 1, as many as bring the
// total closest to the budget. Mixing two neighbouring qualities lands within one image's
// step of the budget, where one quality for all jumps by 1-5% of the total on small images.
struct CodecFit {
    ImageCodec codec = ImageCodec::Jpeg;
    std::int64_t targetBytes = 0;
    std::int64_t bytes = 0; // the files' total
    int qualityLow = 0; // every image not at qualityHigh
    int qualityHigh = 0; // qualityLow + 1, or qualityLow when one quality is used
    std::int64_t imagesAtHigh = 0;
    bool withinTolerance = false; // |bytes - target| <= tolerance * target
    std::vector<std::string> files; // each image's encoded bytes, in order

    int quality(std::size_t image) const
    {
        return static_cast<std::int64_t>(image) < imagesAtHigh ? qualityHigh : qualityLow;
    }
    double relativeError() const
    {
        return targetBytes > 0 ? static_cast<double>(bytes - targetBytes) / static_cast<double>(targetBytes) : 0.0;
    }
};

// Throws dq::FieldError on `field` (its detail led by `subject` when given) for a budget
// <= 0 or an empty image set, and
// dq::Cancelled. A budget the codec cannot reach (below every image at quality 1, above
// every image at 100) gives the nearest end with withinTolerance false.
CodecFit fitCodecBudget(const std::vector<Image>& images, ImageCodec codec, std::int64_t targetBytes, double tolerance,
                        const CancelToken& cancel, const std::string& field = "bytes", const std::string& subject = {});

// The fitted files decoded: image k of the result is files[k] back to pixels (the
// channels of images[k]).
std::vector<Image> decodeFit(const CodecFit& fit, const std::vector<Image>& images, const CancelToken& cancel);

// PSNR and SSIM of the decoded files against `images`.
QualityTotals fitQuality(const CodecFit& fit, const std::vector<Image>& images, const CancelToken& cancel);

} // namespace dq
