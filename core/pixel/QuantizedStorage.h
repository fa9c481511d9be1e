#pragma once
#include "datasets/Dataset.h"
#include "pixel/PatchGrid.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace dq {

// A quantized folder holds the compressed form of the selected images: only their kept
// patches, at the dataset's native pixels.
//   meta.json          format "dq-quantized", version 1: the fields below, byte accounting
//   indices.npy        int64 (N): dataset sample indices, in the order written
//   labels.npy         int64 (N)
//   kept_patches.npy   (N, k) ids of kept patches, ascending; uint8 when the grid has at
//                      most 256 patches, else uint16 ('<u2')
//   pixels.npy         uint8 (P): per image in order, the native pixels whose patch is
//                      kept (patchOfPixel), raster order, channels interleaved
// QuantizedWriter writes one, QuantizedReader reads and validates one.
namespace quantized {
inline constexpr const char* kFormat = "dq-quantized";
inline constexpr int kVersion = 1;
inline constexpr const char* kMetaFile = "meta.json";
inline constexpr const char* kIndicesFile = "indices.npy";
inline constexpr const char* kLabelsFile = "labels.npy";
inline constexpr const char* kKeptFile = "kept_patches.npy";
inline constexpr const char* kPixelsFile = "pixels.npy";
// Grids of more patches than this do not fit the uint16 ids.
inline constexpr int kMaxPatches = 65536;
} // namespace quantized

// What a quantized folder was cut from and how.
struct QuantizedHeader {
    std::string datasetSpec;
    std::string datasetName;
    std::string fingerprint;
    std::string split;            // "train" or "test"
    std::int64_t datasetSize = 0; // samples in that split; every index is below it
    ImageShape shape;             // native height, width, channels of every image
    PatchGrid grid;
    double maskRatio = 0.0;
    // k, the kept patches of every image; -1: keptPatchCount(grid.count(), maskRatio).
    int keptPerImage = -1;
    std::vector<std::string> classNames;
    // How `dq restore` rebuilds the images by default: the --recon form used, and the MAE
    // checkpoint it loaded (empty for inpainting). Optional in meta.json.
    std::string reconstruction;
    std::string checkpoint;
    // Set by the writer on commit; read back by the reader.
    std::int64_t count = 0;
    std::string created; // UTC, ISO 8601
};

// Byte accounting of a quantized folder.
struct QuantizedSummary {
    std::int64_t count = 0;
    std::int64_t originalBytes = 0; // count * H * W * C: the raw pixels of the images
    std::int64_t storedBytes = 0;   // the sizes of every file in the folder, meta.json included
    std::int64_t payloadBytes = 0;  // pixels.npy's data plus kept_patches.npy's data
    double keepRatio = 0.0;         // kept pixels / all pixels of the images
};

// Pixels (not bytes) of each patch of `grid` in a height x width image, by patch id.
std::vector<std::int64_t> patchPixelCounts(const PatchGrid& grid, int height, int width);

} // namespace dq
