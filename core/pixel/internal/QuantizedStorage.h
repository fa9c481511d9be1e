#pragma once
#include "datasets/Dataset.h"
#include "pixel/PatchGrid.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace dq {

// A quantized folder holds the compressed form of the selected images: only their kept
// patches, at the dataset's native pixels, losslessly compressed.
//   meta.json          format "dq-quantized", version 2: the fields below, byte accounting
//   indices.npy        int64 (N): dataset sample indices, in the order written
//   labels.npy         int64 (N)
//   kept_patches.npy   (N, k) ids of kept patches, ascending; uint8 when the grid has at
//                      most 256 patches, else uint16 ('<u2')
//   pixels.zlib        per image in order, one zlib stream (RFC 1950, deflate level 9) of
//                      its kept pixels: the native pixels whose patch is kept
//                      (PatchLayout), raster order, channels interleaved
//   pixel_streams.npy  int32 (N): the bytes of each image's stream in pixels.zlib
// Version 1 (still read) stored the kept pixels uncompressed, one after the other, in
// pixels.npy (uint8, P) instead of the last two files.
// QuantizedWriter writes version 2, QuantizedReader reads and validates both.
namespace quantized {
inline constexpr const char* kFormat = "dq-quantized";
inline constexpr int kVersion = 2;
inline constexpr int kVersionRawPixels = 1;
inline constexpr const char* kMetaFile = "meta.json";
inline constexpr const char* kIndicesFile = "indices.npy";
inline constexpr const char* kLabelsFile = "labels.npy";
inline constexpr const char* kKeptFile = "kept_patches.npy";
inline constexpr const char* kStreamsFile = "pixels.zlib";
inline constexpr const char* kStreamBytesFile = "pixel_streams.npy";
inline constexpr const char* kRawPixelsFile = "pixels.npy"; // version 1
inline constexpr int kZlibLevel = 9;
// Grids of more patches than this do not fit the uint16 ids.
inline constexpr int kMaxPatches = 65536;
} // namespace quantized

// What a quantized folder was cut from and how.
struct QuantizedHeader {
    std::string datasetSpec;
    std::string datasetName;
    std::string fingerprint;
    std::string split; // "train" or "test"
    std::int64_t datasetSize = 0; // samples in that split; every index is below it
    ImageShape shape; // native height, width, channels of every image
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
    int version = quantized::kVersion; // as read (the writer writes the current one)
};

// Byte accounting of a quantized folder.
struct QuantizedSummary {
    std::int64_t count = 0;
    std::int64_t originalBytes = 0; // count * H * W * C: the raw pixels of the images
    std::int64_t storedBytes = 0; // the sizes of every file in the folder, meta.json included
    // The stored pixels (pixels.zlib; version 1: pixels.npy's data) plus the patch ids
    // (kept_patches.npy's data).
    std::int64_t payloadBytes = 0;
    std::int64_t keptPixelBytes = 0; // the kept pixels uncompressed (count * kept pixels * C)
    double keepRatio = 0.0; // kept pixels / all pixels of the images
};

} // namespace dq
