#include "evaluation/internal/RandomAugmentation.h"

#include "common/Error.h"
#include "submodular/internal/SeededRandom.h"

#include <algorithm>

namespace dq {

int cropPadding(int height, int width) { return std::min(height, width) < 32 ? 2 : 4; }

void skipAugmentation(std::int64_t n, int pad, bool crop, bool flip, SeededRandom& rng)
{
    for (std::int64_t k = 0; k < n; ++k) {
        if (crop && pad > 0) {
            rng.below(static_cast<std::uint64_t>(2 * pad + 1));
            rng.below(static_cast<std::uint64_t>(2 * pad + 1));
        }
        if (flip)
            rng.below(2);
    }
}

torch::Tensor augmentBatch(const torch::Tensor& batch, const std::vector<float>& fill, int pad, bool crop, bool flip,
                           SeededRandom& rng)
{
    if (!crop && !flip)
        return batch;
    const torch::Tensor x = batch.to(torch::kFloat).contiguous();
    const std::int64_t n = x.size(0), channels = x.size(1), h = x.size(2), w = x.size(3);
    if (static_cast<std::int64_t>(fill.size()) != channels)
        throw Error("augmentation", "fill values for " + std::to_string(fill.size()) + " channels, the batch has " +
                                        std::to_string(channels));
    torch::Tensor out = torch::empty_like(x);
    const float* src = x.data_ptr<float>();
    float* dst = out.data_ptr<float>();
    const std::int64_t plane = h * w;
    for (std::int64_t k = 0; k < n; ++k) {
        std::int64_t dy = pad, dx = pad; // offsets into the padded image; pad = no shift
        if (crop && pad > 0) {
            dy = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(2 * pad + 1)));
            dx = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(2 * pad + 1)));
        }
        const bool mirror = flip && (rng.below(2) == 1);
        for (std::int64_t c = 0; c < channels; ++c) {
            const float* s = src + (k * channels + c) * plane;
            float* d = dst + (k * channels + c) * plane;
            const float blank = fill[static_cast<std::size_t>(c)];
            for (std::int64_t y = 0; y < h; ++y) {
                const std::int64_t sy = y + dy - pad;
                float* row = d + y * w;
                if (sy < 0 || sy >= h) {
                    std::fill(row, row + w, blank);
                    continue;
                }
                for (std::int64_t xx = 0; xx < w; ++xx) {
                    const std::int64_t cx = mirror ? w - 1 - xx : xx; // the column of the crop
                    const std::int64_t sx = cx + dx - pad;
                    row[xx] = (sx < 0 || sx >= w) ? blank : s[sy * w + sx];
                }
            }
        }
    }
    return out;
}

} // namespace dq
