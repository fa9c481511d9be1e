#pragma once
// Core-private: the cache keys of extractFeatures and the check of a cache entry.
#include "common/Note.h"
#include "features/FeatureExtractor.h"
#include "features/FeaturesFolder.h"

#include <functional>
#include <optional>
#include <string>

namespace dq {

// The canonical text of everything features (or trained weights) depend on, and its
// 16-hex-digit hash naming the cache entry.
struct CacheKeys {
    std::string featuresText, weightsText;
    std::string features, weights;
};

CacheKeys cacheKeys(const Dataset& view, const FeatureParams& params, FeatureMode mode);

// The entry when it is intact and was made from `keyText`; otherwise nothing, after a
// "features.cache-repaired" note saying why (when `note` is set).
std::optional<FeaturesFolder> intactEntry(const std::filesystem::path& entry, const std::string& keyText,
                                          const std::function<void(const Note&)>& note);

} // namespace dq
