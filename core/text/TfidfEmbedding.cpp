#include "text/TfidfEmbedding.h"

#include "common/internal/ParallelFor.h"
#include "common/Progress.h"
#include "text/internal/SparseRandomProjection.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>

namespace dq {

NpyArray tfidfEmbedding(const std::vector<TextSegments>& documents, const TfidfParams& params, Progress& progress,
                        const CancelToken& cancel, TfidfStats* stats)
{
    const auto t0 = std::chrono::steady_clock::now();
    const auto n = static_cast<std::int64_t>(documents.size());
    const SparseRandomProjection projection(params.dim, params.nonzerosPerTerm, params.seed);
    TfidfVectorizer vectorizer;
    vectorizer.fit(documents, params.threads, progress, cancel);

    NpyArray out;
    out.dtype = DType::Float32;
    out.shape = {n, params.dim};
    out.bytes.assign(static_cast<std::size_t>(n * params.dim) * sizeof(float), 0);
    float* data = out.data<float>();
    const int workers = resolveThreads(params.threads, n);
    std::vector<TermScratch> scratch(static_cast<std::size_t>(workers));
    std::vector<std::vector<TermWeight>> rows(static_cast<std::size_t>(workers));
    std::vector<std::vector<double>> sums(static_cast<std::size_t>(workers),
                                          std::vector<double>(static_cast<std::size_t>(params.dim)));
    std::vector<std::int64_t> empty;
    std::mutex emptyMutex;
    progress.setStage("tfidf: weighting and projecting", n);
    parallelChunks(
        n, 256, workers,
        [&](std::int64_t begin, std::int64_t end, int w) {
            std::vector<TermWeight>& row = rows[static_cast<std::size_t>(w)];
            std::vector<double>& sum = sums[static_cast<std::size_t>(w)];
            for (std::int64_t i = begin; i < end; ++i) {
                vectorizer.transform(documents[static_cast<std::size_t>(i)], row, scratch[static_cast<std::size_t>(w)]);
                std::fill(sum.begin(), sum.end(), 0.0);
                for (const TermWeight& tw : row)
                    projection.add(tw.term, tw.weight, sum.data());
                double norm2 = 0;
                for (const double v : sum)
                    norm2 += v * v;
                float* dst = data + i * params.dim;
                if (norm2 == 0) {
                    std::lock_guard<std::mutex> lock(emptyMutex);
                    empty.push_back(i);
                    continue;
                }
                const double inv = 1.0 / std::sqrt(norm2);
                for (std::int64_t k = 0; k < params.dim; ++k)
                    dst[k] = static_cast<float>(sum[static_cast<std::size_t>(k)] * inv);
            }
        },
        progress, 0, cancel);
    progress.finishStage();
    if (stats) {
        std::sort(empty.begin(), empty.end());
        stats->documents = n;
        stats->vocabulary = vectorizer.vocabularySize();
        stats->emptyDocuments = static_cast<std::int64_t>(empty.size());
        stats->emptyExamples.assign(empty.begin(), empty.begin() + std::min<std::ptrdiff_t>(5, empty.size()));
        stats->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
    return out;
}

} // namespace dq
