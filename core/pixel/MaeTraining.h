#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace dq {

class Dataset;
class JobContext;

// MAE pre-training on a dataset's images (random masking, loss on the dropped patches),
// as the official main_pretrain.py: AdamW (betas 0.9, 0.95, weight decay 0.05 on the
// weight matrices and tokens, none on biases and norms), a linear warmup over the first
// 5% of the steps, then a cosine decay to 0, per step.
// The defaults are one epoch of the compact MAE (maeConfig("compact")). On Fashion-MNIST's
// 60,000 images that is about 3 minutes on two quiet CPU cores (Python's torch trains the
// same model at ~330 images/s there, and LibTorch kept pace with it side by side); on
// two heavily shared cores it took 27 minutes.
struct MaeTrainParams {
    std::string config = "compact"; // a maeConfig() name
    int epochs = 1;
    int batchSize = 128;
    double learningRate = 1.5e-3; // peak, after the warmup
    double maskRatio = 0.75; // fraction of patches dropped in training
    std::uint64_t seed = 0; // initial weights, shuffling, masks
    std::int64_t limit = 0; // only the first N samples (0: all)
    std::string device = "auto"; // auto | cpu | cuda | cuda:N
    std::filesystem::path cacheDir; // empty: defaultCacheDir() (FeatureExtractor.h)
    bool reuseCache = true; // false: train again and replace the cached checkpoint
    // The spec picks the input normalisation (ModelInput.h normalizationFor).
    std::string datasetSpec, datasetName;
};

struct MaeTrainResult {
    std::filesystem::path checkpoint; // <cacheDir>/mae/<cacheKey>.pth, read by loadMae
    bool fromCache = false;
    std::string cacheKey; // 16 hex digits
    std::vector<double> epochLoss; // mean masked-patch loss per epoch (recorded in the file)
    double seconds = 0; // training time (the recorded one when cached)
    double imagesPerSecond = 0;
    std::string device; // where it was trained
    std::string configName;
    int imageSize = 0, patchSize = 0, channels = 0; // the model's square input
    std::vector<float> mean, std; // its input normalisation, one per channel (0 and 1: pixel / 255)
};

// Trains (or finds in the cache) the MAE for these parameters. The cache entry depends
// on the dataset fingerprint, split and limit, the configuration, image size,
// normalisation, epochs, batch, learning rate, mask ratio and seed; a cached checkpoint is
// used without training. Images are resized to the nearest multiple of the patch size
// (square; gray images are repeated for a 3-channel configuration). Reports progress per
// batch (stage "mae training", detail "epoch e/E, loss x") and checks `cancel` between
// batches; a cancelled or failed run leaves no checkpoint. Notes: "pixel.mae-cache-repaired"
// (a cached checkpoint unreadable or made from other settings: trained again) and
// "pixel.device-fallback". Throws dq::FieldError for bad parameters (ids as dq
// mae-train's options) and dq::Error for data that cannot be trained on.
MaeTrainResult trainMae(const Dataset& data, const MaeTrainParams& params, JobContext& context);

// The intact cached checkpoint trainMae would use for these parameters, if any.
std::optional<std::filesystem::path> findCachedMae(const Dataset& data, const MaeTrainParams& params);

} // namespace dq
