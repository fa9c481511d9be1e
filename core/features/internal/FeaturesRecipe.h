#pragma once
#include "features/FeatureMode.h"

#include <cstdint>
#include <filesystem>
#include <string>

namespace dq {

// How a features folder was made, from its features.json (dq features' parameters): enough
// to make the same features again with another seed. Fields the manifest lacks stay
// empty or 0.
struct FeaturesRecipe {
    std::string model, datasetSpec, split; // "convnet", "fashion-mnist", "train"
    std::filesystem::path weights;
    FeatureMode mode = FeatureMode::Gradient;
    std::uint64_t seed = 0;
    std::int64_t limit = 0;
    int epochs = 0, imageSize = 0;
};

// Throws dq::Error naming features.json when it is missing or not JSON.
FeaturesRecipe readFeaturesRecipe(const std::filesystem::path& dir);

} // namespace dq
