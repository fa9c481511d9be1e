#pragma once
#include "pixel/PatchGrid.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace dq {

class Dataset;
class JobContext;

// Step 3 of Dataset Quantization (dq-reference.md section 7) on the selected samples.
struct PixelParams {
    double maskRatio = 0.2; // fraction of patches dropped, in [0, 1)
    std::string cam = "gradcam++"; // gradcam | gradcam++ | random
    bool camTargetLabel = false; // target the true label instead of the prediction
    // The classifier the CAMs come from, trained here as the bins stage trains its
    // selection model (the same cache: after `dq bins --model M --epochs E` it is free).
    std::string camModel = "convnet"; // convnet | resnet18 | resnet18-imagenet | torchscript:FILE
    std::filesystem::path camWeights; // a state_dict for a built-in model
    int camEpochs = 1;
    std::string recon = "mae-compact"; // ReconstructionSpec.h
    int patchSize = 0; // inpainting's patch side in native pixels (0: 4 up to 64 px, else 16)
    int imageSize = 0; // resize every image to S x S first (needed for mixed sizes)
    int maeEpochs = 0; // training of the compact MAE when not cached (0: its default)
    std::int64_t trainLimit = 0;
    // The split the CAM model and the compact MAE learn from (null: the data itself); the
    // training split when test images are quantized.
    const Dataset* trainingData = nullptr; // train the CAM model and the compact MAE on the first N samples (0: all)
    std::string device = "auto";
    int batchSize = 64;
    std::uint64_t seed = 0; // CAM model, random scores, MAE training
    bool saveCam = false; // also write heatmap overlays under cam/
    std::filesystem::path cacheDir; // empty: defaultCacheDir()
    std::string datasetSpec, datasetName;
};

struct PixelResult {
    std::filesystem::path out;
    std::int64_t images = 0;
    std::int64_t datasetSize = 0;
    PatchGrid grid;
    int keptPatches = 0; // per image
    double sampleRatio = 0; // images / dataset size
    double patchKeepRatio = 0; // kept patches / patches
    double finalKeepRatio = 0; // sampleRatio * patchKeepRatio, from the real counts
    double pixelKeepRatio = 0; // kept native pixels / all pixels of the selected images
    // Byte accounting. The sampling saving is keptRawBytes / datasetBytes, the pixel step's
    // storedBytes / bestLosslessBytes: two numbers, for the same images each.
    std::uint64_t datasetBytes = 0; // raw 8-bit pixels of the whole dataset split
    std::uint64_t originalBytes = 0; // raw 8-bit pixels of the selected images
    std::uint64_t pngBytes = 0; // the selected images as one PNG file each (level 9)
    std::uint64_t webpLosslessBytes = 0; // the same as lossless WebP
    std::uint64_t bestLosslessBytes = 0; // the smaller of the two
    std::string bestLosslessCodec; // "png" or "webp-lossless"
    std::uint64_t storedBytes = 0; // every file of quantized/
    double meanPsnr = 0, meanSsim = 0;
    std::string camModel, reconstruction, device;
    bool camModelFromCache = false, maeFromCache = false;
    double seconds = 0, imagesPerSecond = 0; // the CAM + reconstruction loop
    std::vector<std::string> notes; // the texts of the run's notes, for pixel.json
};

// Validates the indices (in range, no repeats: the first offender is named), then for
// each selected sample, in ascending index order and in batches: CAM -> patch scores ->
// kept patches -> reconstruction. Writes `out` atomically:
//   images/<class>/<index>.png, manifest.csv  the reconstructed images (index order)
//   quantized/                                 the stored kept patches (QuantizedStorage.h)
//   cam/<class>/<index>.png                    heatmap overlays (saveCam)
//   pixel.json                                 parameters, ratios, bytes, PSNR/SSIM, timings
// Notes ("pixel.*": device fallback, MAE cache repairs, the CAM model's) go to `context`.
// A bad parameter throws dq::FieldError with its id (as dq pixel's options).
PixelResult runPixelQuantization(const Dataset& data, const std::vector<std::int64_t>& indices, const PixelParams& params,
                                 const std::filesystem::path& out, JobContext& context);

struct RestoreResult {
    std::filesystem::path out;
    std::int64_t images = 0;
    std::string reconstruction;
    double seconds = 0;
};

// Rebuilds the images of a quantized/ folder with a reconstruction backend into `out`
// (images/<class>/<index>.png and manifest.csv, atomically). The dataset is not needed.
RestoreResult restoreQuantized(const std::filesystem::path& quantized, const PixelParams& params,
                               const std::filesystem::path& out, JobContext& context);

// Throws dq::Error naming `source` for an index outside [0, size) or repeated.
std::vector<std::int64_t> checkedSortedIndices(const std::vector<std::int64_t>& indices, std::int64_t size,
                                               const std::string& source);

} // namespace dq
