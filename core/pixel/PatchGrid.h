#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace dq {

struct Image;

// The patch grid a reconstruction works on: rows x cols square patches of patchSize
// pixels at the working resolution (rows * patchSize x cols * patchSize; 14 x 14 patches
// of 16 pixels at 224 x 224 for the reference's ViT-L MAE). Patch ids are row-major.
struct PatchGrid {
    int rows = 0;
    int cols = 0;
    int patchSize = 0;

    int count() const { return rows * cols; }
    int workHeight() const { return rows * patchSize; }
    int workWidth() const { return cols * patchSize; }
    bool operator==(const PatchGrid& o) const { return rows == o.rows && cols == o.cols && patchSize == o.patchSize; }
};

// The patch that native pixel (y, x) of a height x width image belongs to: the one under
// its centre once the image is scaled to the working resolution. When the native size is
// the working size, patches are exact pixel blocks.
int patchOfPixel(const PatchGrid& grid, int height, int width, int y, int x);

// The patch of every native pixel of a height x width image, computed once: the one table
// the kept masks, the stored pixels and the per-patch pixel counts all come from.
class PatchLayout {
public:
    PatchLayout() = default;
    PatchLayout(const PatchGrid& grid, int height, int width);

    const PatchGrid& grid() const { return grid_; }
    int height() const { return height_; }
    int width() const { return width_; }
    // Native pixels (not bytes) of each patch, by patch id.
    const std::vector<std::int64_t>& pixelsPerPatch() const { return pixelsPerPatch_; }
    // Native pixels covered by `keptIds` (ids in range, no repeats).
    std::int64_t keptPixels(const std::vector<int>& keptIds) const;
    // height * width bytes: 1 where the pixel belongs to one of `keptIds`, else 0. Ids out
    // of range are ignored.
    std::vector<std::uint8_t> keptMask(const std::vector<int>& keptIds) const;
    // The pixels of `native` whose patch is kept, raster order, channels interleaved.
    std::vector<std::uint8_t> gatherKept(const Image& native, const std::vector<int>& keptIds) const;
    // The inverse: an image of `channels` with the kept pixels from `kept` (as gatherKept
    // wrote them, keptPixels(keptIds) * channels bytes) and every dropped pixel 0.
    Image scatterKept(const std::uint8_t* kept, const std::vector<int>& keptIds, int channels) const;

private:
    PatchGrid grid_;
    int height_ = 0;
    int width_ = 0;
    std::vector<int> patchOfPixel_; // native pixel -> patch id
    std::vector<std::int64_t> pixelsPerPatch_;
};

// PatchLayout(grid, height, width).keptMask(keptIds).
std::vector<std::uint8_t> keptPixelMask(const PatchGrid& grid, int height, int width, const std::vector<int>& keptIds);

// The reference's count of kept patches, int(L * (1 - maskRatio)).
int keptPatchCount(int patches, double maskRatio);

// Throws dq::UsageError(field, ...) unless 0 <= maskRatio < 1.
void checkMaskRatio(double maskRatio, const std::string& field = "mask-ratio");

// The ids of the `keep` highest scores, ascending. Ties go to the lower id, so the
// choice is deterministic; NaN scores count as the lowest.
std::vector<int> keepHighestScores(const float* scores, int patches, int keep);

} // namespace dq
