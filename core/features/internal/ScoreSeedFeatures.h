#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace dq {

class JobContext;

// Paul et al. average EL2N and GraNd over independently trained networks. The features
// folders of `seeds` selection trainings: `base` itself (its seed S, FeaturesRecipe), then dq features of
// the same dataset, split, limit, model, weights, epochs, mode and input size with seeds
// S + 1 .. S + seeds - 1, from the cache when there (the entries a plain dq features
// --seed run makes and reads); their notes go to the context. Throws
// dq::FieldError("score-seeds") when `base` cannot be made again (no dataset spec
// recorded, no selection training).
struct ScoreSeedOptions {
    int seeds = 1;
    std::string device = "auto";
    std::filesystem::path cacheDir; // empty: defaultCacheDir()
};
std::vector<std::filesystem::path> scoreSeedFolders(const std::filesystem::path& base, const ScoreSeedOptions& options,
                                                    JobContext& context);

} // namespace dq
