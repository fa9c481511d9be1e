#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace dq {

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
    bool operator==(const PatchGrid& o) const
    {
        return rows == o.rows && cols == o.cols && patchSize == o.patchSize;
    }
};

// The patch that native pixel (y, x) of a height x width image belongs to: the one under
// its centre once the image is scaled to the working resolution. When the native size is
// the working size, patches are exact pixel blocks.
int patchOfPixel(const PatchGrid& grid, int height, int width, int y, int x);

// height * width bytes: 1 where the pixel belongs to one of `keptIds`, else 0.
std::vector<std::uint8_t> keptPixelMask(const PatchGrid& grid, int height, int width,
                                        const std::vector<int>& keptIds);

// The reference's count of kept patches, int(L * (1 - maskRatio)).
int keptPatchCount(int patches, double maskRatio);

// Throws dq::UsageError(field, ...) unless 0 <= maskRatio < 1.
void checkMaskRatio(double maskRatio, const std::string& field = "--mask-ratio");

// The ids of the `keep` highest scores, ascending. Ties go to the lower id, so the
// choice is deterministic; NaN scores count as the lowest.
std::vector<int> keepHighestScores(const float* scores, int patches, int keep);

} // namespace dq
