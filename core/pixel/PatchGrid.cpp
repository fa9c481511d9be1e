#include "pixel/PatchGrid.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "datasets/Dataset.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace dq {

int patchOfPixel(const PatchGrid& grid, int height, int width, int y, int x)
{
    // Centre of the pixel in working coordinates, in units of patches.
    const int row = static_cast<int>((y + 0.5) * grid.rows / height);
    const int col = static_cast<int>((x + 0.5) * grid.cols / width);
    return std::min(row, grid.rows - 1) * grid.cols + std::min(col, grid.cols - 1);
}

PatchLayout::PatchLayout(const PatchGrid& grid, int height, int width) : grid_(grid), height_(height), width_(width)
{
    patchOfPixel_.resize(static_cast<std::size_t>(height) * width);
    pixelsPerPatch_.assign(static_cast<std::size_t>(std::max(0, grid.count())), 0);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const int id = patchOfPixel(grid, height, width, y, x);
            patchOfPixel_[static_cast<std::size_t>(y) * width + x] = id;
            ++pixelsPerPatch_[static_cast<std::size_t>(id)];
        }
}

std::int64_t PatchLayout::keptPixels(const std::vector<int>& keptIds) const
{
    std::int64_t n = 0;
    for (int id : keptIds)
        n += pixelsPerPatch_.at(static_cast<std::size_t>(id));
    return n;
}

std::vector<std::uint8_t> PatchLayout::keptMask(const std::vector<int>& keptIds) const
{
    std::vector<std::uint8_t> kept(static_cast<std::size_t>(grid_.count()), 0);
    for (int id : keptIds)
        if (id >= 0 && id < grid_.count())
            kept[static_cast<std::size_t>(id)] = 1;
    std::vector<std::uint8_t> mask(patchOfPixel_.size());
    for (std::size_t p = 0; p < mask.size(); ++p)
        mask[p] = kept[static_cast<std::size_t>(patchOfPixel_[p])];
    return mask;
}

std::vector<std::uint8_t> PatchLayout::gatherKept(const Image& native, const std::vector<int>& keptIds) const
{
    const std::vector<std::uint8_t> mask = keptMask(keptIds);
    const std::size_t c = static_cast<std::size_t>(native.channels);
    std::vector<std::uint8_t> out;
    out.reserve(static_cast<std::size_t>(keptPixels(keptIds)) * c);
    const std::uint8_t* in = native.pixels.data();
    for (std::size_t p = 0; p < mask.size(); ++p, in += c)
        if (mask[p])
            out.insert(out.end(), in, in + c);
    return out;
}

Image PatchLayout::scatterKept(const std::uint8_t* kept, const std::vector<int>& keptIds, int channels) const
{
    const std::vector<std::uint8_t> mask = keptMask(keptIds);
    const std::size_t c = static_cast<std::size_t>(channels);
    Image img;
    img.height = height_;
    img.width = width_;
    img.channels = channels;
    img.pixels.assign(mask.size() * c, 0);
    for (std::size_t p = 0; p < mask.size(); ++p)
        if (mask[p]) {
            std::copy(kept, kept + c, img.pixels.data() + p * c);
            kept += c;
        }
    return img;
}

std::vector<std::uint8_t> keptPixelMask(const PatchGrid& grid, int height, int width, const std::vector<int>& keptIds)
{
    return PatchLayout(grid, height, width).keptMask(keptIds);
}

int keptPatchCount(int patches, double maskRatio) { return static_cast<int>(patches * (1.0 - maskRatio)); }

void checkMaskRatio(double maskRatio, const std::string& field)
{
    if (!(maskRatio >= 0.0 && maskRatio < 1.0))
        throw FieldError(field, "must be in [0, 1) (the fraction of patches dropped), got " + std::to_string(maskRatio));
}

std::vector<int> keepHighestScores(const float* scores, int patches, int keep)
{
    std::vector<int> ids(static_cast<std::size_t>(patches));
    std::iota(ids.begin(), ids.end(), 0);
    keep = std::clamp(keep, 0, patches);
    auto key = [&](int i) { return std::isnan(scores[i]) ? -INFINITY : scores[i]; };
    std::partial_sort(ids.begin(), ids.begin() + keep, ids.end(), [&](int a, int b) {
        const float ka = key(a), kb = key(b);
        return ka > kb || (ka == kb && a < b);
    });
    ids.resize(static_cast<std::size_t>(keep));
    std::sort(ids.begin(), ids.end());
    return ids;
}

} // namespace dq
