#pragma once
#include "common/CacheDir.h" // defaultCacheDir(), the default cacheDir
#include "features/FeatureMode.h"
#include "models/ModelInput.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace dq {

class Dataset;
class JobContext;

struct FeatureParams {
    std::string model = "convnet"; // convnet | resnet18 | resnet18-imagenet | pixels | torchscript:FILE
    std::filesystem::path weights; // a PyTorch state_dict (.pth) for a built-in model; empty: seeded init
    int epochs = 0; // selection training before extraction
    FeatureMode mode = FeatureMode::Auto;
    std::string device = "auto"; // auto | cpu | cuda | cuda:N
    int batchSize = 256; // inference batch (training uses the reference's 128)
    std::uint64_t seed = 0; // initial weights, shuffling, a replaced head
    std::int64_t limit = 0; // only the first N samples (0: all)
    int imageSize = 0; // square input size; 0: the model's (224 for resnet18-imagenet) or the data's
    std::filesystem::path cacheDir; // empty: defaultCacheDir()
    bool reuseCache = true; // false (--no-cache): recompute, then refresh the cache
    std::filesystem::path out; // also write the features folder here (may be empty)
    // Recorded in features.json; the spec also picks the normalisation (ModelInput.h).
    std::string datasetSpec, datasetName;
};

struct FeatureResult {
    std::filesystem::path folder; // the features folder: `out`, or the cache entry
    FeatureMode mode = FeatureMode::Gradient;
    std::int64_t rows = 0, classes = 0, dim = 0; // dim of e / the embedding / the pixels
    std::filesystem::path b, e, features, labels; // files in `folder` (empty when absent)
    std::filesystem::path logits; // the network's logits (empty for pixels)
    std::string device; // "cpu", "cuda:0"; empty for pixels
    ModelInput input; // what the network was fed
    bool fromCache = false; // the features came from the cache
    bool weightsFromCache = false; // trained weights came from the cache
    std::string cacheKey; // 16 hex digits
    std::vector<double> epochLoss; // selection training, per epoch (empty without)
    double trainSeconds = 0, extractSeconds = 0, totalSeconds = 0;
    double trainImagesPerSecond = 0, extractImagesPerSecond = 0;
};

// Computes per-sample features of `data` (ImageFolder data is streamed), or reads them
// from the cache when an intact entry exists for the same dataset fingerprint, split,
// limit, model (and model file), weights, epochs, seed, mode and input size. A corrupt
// entry is recomputed. The folder holds .npy files and features.json
// (FeaturesFolder.h). Notes go to the context, coded "features.<what>": device-fallback,
// cache-repaired, cache-not-written, weights-cache-repaired, weights-not-cached,
// head-replaced, images-resized. Errors about a parameter are dq::FieldError with its id
// (model, weights, epochs, mode, device, batch, limit, image-size, dataset, out). Safe to
// call from a worker thread; sets nothing global.
FeatureResult extractFeatures(const Dataset& data, const FeatureParams& params, JobContext& context);

// The intact cache entry extractFeatures would read for these parameters, if any.
std::optional<std::filesystem::path> findCachedFeatures(const Dataset& data, const FeatureParams& params);

} // namespace dq
