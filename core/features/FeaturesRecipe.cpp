#include "features/internal/FeaturesRecipe.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "features/FeaturesFolder.h"

#include <nlohmann/json.hpp>

namespace dq {

FeaturesRecipe readFeaturesRecipe(const std::filesystem::path& dir)
{
    const std::filesystem::path manifest = dir / kFeaturesManifest;
    if (!hasFeaturesManifest(dir))
        throw Error(dir.string(), "not a features folder (no features.json)");
    const nlohmann::json j = nlohmann::json::parse(readFileBytes(manifest), nullptr, false);
    if (!j.is_object())
        throw Error(manifest.string(), "is not valid JSON");
    FeaturesRecipe r;
    try {
        r.model = j.value("model", "");
        if (j.contains("weights") && j["weights"].is_string())
            r.weights = j["weights"].get<std::string>();
        r.mode = parseFeatureMode(j.value("mode", "gradient"));
        r.seed = j.value("seed", std::uint64_t{0});
        r.epochs = j.value("epochs", 0);
        if (j.contains("dataset") && j["dataset"].is_object()) {
            r.datasetSpec = j["dataset"].value("spec", "");
            r.split = j["dataset"].value("split", "");
            r.limit = j["dataset"].value("limit", std::int64_t{0});
        }
        const nlohmann::json key = nlohmann::json::parse(j.value("cache_key_text", ""), nullptr, false);
        if (key.is_object())
            r.imageSize = key.value("image_size", 0);
    } catch (const nlohmann::json::exception& e) {
        throw Error(manifest.string(), std::string("has a field of the wrong type: ") + e.what());
    }
    return r;
}

} // namespace dq
