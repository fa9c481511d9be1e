#pragma once
#include "io/Npy.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace dq {

// Computed embeddings kept as DIR/text-embeddings/<key>.npy (DIR: --cache-dir, by default
// defaultCacheDir() of the image features, ~/.cache/dq-studio), where the key is a
// fingerprint of everything the embedding depends on (the data file's bytes, the fields,
// the method and its parameters, the model file). A stale or damaged entry is never used:
// a file whose shape is not the expected one is a miss and is recomputed.
class EmbeddingCache {
public:
    // An empty dir disables the cache.
    explicit EmbeddingCache(std::filesystem::path dir);

    bool enabled() const { return !dir_.empty(); }
    std::filesystem::path fileFor(const std::string& key) const;
    // The entry when it exists and has `rows` rows (and `dim` columns when dim > 0).
    std::optional<NpyArray> load(const std::string& key, std::int64_t rows, std::int64_t dim = 0) const;
    // Written atomically; throws dq::Error naming the file when it cannot be written.
    void store(const std::string& key, const NpyArray& embeddings) const;

private:
    std::filesystem::path dir_;
};

} // namespace dq
