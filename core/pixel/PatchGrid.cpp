#include "pixel/PatchGrid.h"

#include "common/Error.h"

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

std::vector<std::uint8_t> keptPixelMask(const PatchGrid& grid, int height, int width,
                                        const std::vector<int>& keptIds)
{
    std::vector<std::uint8_t> kept(static_cast<std::size_t>(grid.count()), 0);
    for (int id : keptIds)
        if (id >= 0 && id < grid.count())
            kept[static_cast<std::size_t>(id)] = 1;
    std::vector<std::uint8_t> mask(static_cast<std::size_t>(height) * width);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            mask[static_cast<std::size_t>(y) * width + x] = kept[static_cast<std::size_t>(patchOfPixel(grid, height, width, y, x))];
    return mask;
}

int keptPatchCount(int patches, double maskRatio)
{
    return static_cast<int>(patches * (1.0 - maskRatio));
}

void checkMaskRatio(double maskRatio, const std::string& field)
{
    if (!(maskRatio >= 0.0 && maskRatio < 1.0))
        throw UsageError(field, "must be in [0, 1) (the fraction of patches dropped), got " +
                                    std::to_string(maskRatio));
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
