#include "features/internal/FeatureCache.h"

#include "common/Error.h"
#include "common/Fingerprint.h"
#include "datasets/Dataset.h"
#include "models/ModelInput.h"
#include "features/internal/NetworkFeatures.h"
#include "models/internal/SelectionTrainer.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>

namespace fs = std::filesystem;
using nlohmann::json;

namespace dq {
namespace {

constexpr int kCacheFormat = 1;

std::string fileHash(const fs::path& file, const std::string& field)
{
    Fingerprint fp;
    fp.addWholeFile(file, field);
    return fp.hex();
}

} // namespace

CacheKeys cacheKeys(const Dataset& view, const FeatureParams& p, FeatureMode mode)
{
    json w;
    w["format"] = kCacheFormat;
    w["fingerprint"] = view.fingerprint();
    w["split"] = view.split();
    w["rows"] = view.size();
    w["model"] = p.model;
    const fs::path script = torchScriptFile(p.model);
    if (!script.empty())
        w["model_file"] = fileHash(script, "model");
    w["weights"] = p.weights.empty() ? "" : fileHash(p.weights, "weights");
    w["image_size"] = p.imageSize;
    const ImageShape s = view.imageShape();
    w["normalization"] = normalizationFor(p.datasetSpec, p.datasetName, s.channels).normalization;
    w["seed"] = p.seed;
    const TrainingParams t;
    w["training"] = {{"epochs", p.epochs},
                     {"lr", t.learningRate},
                     {"momentum", t.momentum},
                     {"weight_decay", t.weightDecay},
                     {"nesterov", t.nesterov},
                     {"batch", t.batchSize},
                     {"shuffle", "splitmix64-fisher-yates"}};
    json f = w;
    f["mode"] = featureModeName(mode);
    // logits.npy and the training dynamics beside the features (older entries lack them).
    f["scores"] = "logits, forgetting, aum";
    if (mode == FeatureMode::Pixels)
        f = {{"format", kCacheFormat},
             {"fingerprint", view.fingerprint()},
             {"split", view.split()},
             {"rows", view.size()},
             {"mode", "pixels"}};
    CacheKeys k;
    k.weightsText = w.dump();
    k.featuresText = f.dump();
    Fingerprint fw, ff;
    fw.add(k.weightsText);
    ff.add(k.featuresText);
    k.weights = fw.hex();
    k.features = ff.hex();
    return k;
}

std::optional<FeaturesFolder> intactEntry(const fs::path& entry, const std::string& keyText, const NoteSink& note)
{
    std::error_code ec;
    if (!fs::exists(entry, ec))
        return std::nullopt;
    try {
        FeaturesFolder f = readFeaturesFolder(entry);
        if (f.cacheKeyText == keyText)
            return f;
        if (note)
            note({"features.cache-repaired", entry.string(),
                  "cache entry " + entry.string() + " was made from other parameters: recomputing"});
    } catch (const Error& e) {
        if (note)
            note({"features.cache-repaired", entry.string(),
                  std::string("cache entry is corrupt (") + e.what() + "): recomputing"});
    }
    return std::nullopt;
}

} // namespace dq
