#pragma once
#include "io/Npy.h"
#include "text/TfidfVectorizer.h"

#include <cstdint>
#include <vector>

namespace dq {

class Progress;
class CancelToken;

struct TfidfParams {
    std::int64_t dim = 512; // --dim
    std::uint64_t seed = 0; // of the projection
    int nonzerosPerTerm = 8; // entries of a term's projection column
    int threads = 0; // 0: workerThreads()
};

struct TfidfStats {
    std::int64_t documents = 0;
    std::int64_t vocabulary = 0; // distinct unigrams and bigrams
    std::int64_t emptyDocuments = 0; // no tokens: their row is zero
    std::vector<std::int64_t> emptyExamples;
    double seconds = 0;
};

// Dense N x dim float32 embeddings: the TF-IDF rows (TfidfVectorizer) projected by
// SparseRandomProjection(dim, nonzerosPerTerm, seed) and scaled to unit length again.
// Deterministic: the same documents and parameters give the same bytes on any number of
// threads (each row is summed alone, terms in ascending key order).
NpyArray tfidfEmbedding(const std::vector<TextSegments>& documents, const TfidfParams& params, Progress& progress,
                        const CancelToken& cancel, TfidfStats* stats = nullptr);

} // namespace dq
