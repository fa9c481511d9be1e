#include "text/EmbeddingCache.h"

#include "common/Error.h"

namespace fs = std::filesystem;

namespace dq {

EmbeddingCache::EmbeddingCache(fs::path dir) : dir_(std::move(dir)) { }

fs::path EmbeddingCache::fileFor(const std::string& key) const { return dir_ / "text-embeddings" / (key + ".npy"); }

std::optional<NpyArray> EmbeddingCache::load(const std::string& key, std::int64_t rows, std::int64_t dim) const
{
    if (!enabled())
        return std::nullopt;
    const fs::path file = fileFor(key);
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
        return std::nullopt;
    try {
        NpyArray a = readNpy(file);
        if (a.dtype != DType::Float32 || a.shape.size() != 2 || a.shape[0] != rows || (dim > 0 && a.shape[1] != dim))
            return std::nullopt;
        return a;
    } catch (const Error&) {
        return std::nullopt; // damaged: recompute and replace
    }
}

void EmbeddingCache::store(const std::string& key, const NpyArray& embeddings) const
{
    if (!enabled())
        return;
    const fs::path file = fileFor(key);
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    if (ec)
        throw Error(file.parent_path().string(), "cannot create the cache folder: " + ec.message());
    writeNpy(file, embeddings);
}

} // namespace dq
