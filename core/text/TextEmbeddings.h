#pragma once
#include "common/Note.h"
#include "io/Npy.h"
#include "text/TfidfEmbedding.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace dq {

class Progress;
class CancelToken;
class EmbeddingCache;
struct InstructionDataset;

enum class TextEmbeddingKind { None, File, Tfidf, TorchScript };

const char* textEmbeddingKindName(TextEmbeddingKind k); // "none", "file", "tfidf", "torchscript"

// Where the embeddings of the records come from.
struct TextEmbeddingSpec {
    TextEmbeddingKind kind = TextEmbeddingKind::None;
    std::filesystem::path path; // File: the N x D .npy; TorchScript: the model
    TfidfParams tfidf;
    int batchSize = 64; // TorchScript

    // From the command line: --embeddings FILE.npy, or --embed tfidf | torchscript:MODEL.pt
    // (at most one of the two); throws UsageError naming the option.
    static TextEmbeddingSpec fromOptions(const std::string& embeddingsFile, const std::string& embed);
};

struct TextEmbeddings {
    NpyArray matrix; // N x D float32, one row per record, in record order
    TextEmbeddingKind kind = TextEmbeddingKind::None;
    std::string source; // the file or model, or "tfidf"
    bool fromCache = false;
    std::filesystem::path cacheFile; // empty without a cache
    std::string cacheKey;
    std::int64_t dim = 0; // columns of the matrix (kept after the matrix is handed on)
    std::int64_t vocabulary = 0; // TF-IDF: distinct terms
    std::vector<Note> warnings;
    double seconds = 0;
};

// Loads or computes the embeddings of `data`. Computed ones go through the cache (which may
// be disabled): read from it when `reuseCache` and an intact entry exists, else computed
// and stored (so reuseCache = false, --no-cache, refreshes the entry, as for image features). Rows are checked: one per
// record, finite (the rows with NaN or infinity are named), float32 or float64 (converted to float32).
TextEmbeddings loadTextEmbeddings(const InstructionDataset& data, const TextEmbeddingSpec& spec, const EmbeddingCache& cache,
                                  bool reuseCache, Progress& progress, const CancelToken& cancel);

// Throws dq::Error naming `source` when `m` is not N x D float32 with `records` rows, or
// names the first rows holding NaN or infinity.
void checkEmbeddingRows(const NpyArray& m, std::int64_t records, const std::string& source, const std::string& dataSource);

// What the computed embeddings of `data` depend on, as a cache key (16 hex digits).
std::string textEmbeddingCacheKey(const InstructionDataset& data, const TextEmbeddingSpec& spec);

} // namespace dq
