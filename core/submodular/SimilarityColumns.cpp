#include "submodular/SimilarityColumns.h"

#include "common/Progress.h"
#include "submodular/SimilaritySpace.h"

#include <algorithm>

namespace dq {

SimilarityColumns::SimilarityColumns(const SimilaritySpace& space, const std::vector<std::int64_t>& pool,
                                     std::int64_t memoryLimitBytes, const CancelToken& cancel)
    : space_(space), pool_(pool)
{
    const std::int64_t n = size();
    if (n == 0 || matrixBytes(n) > memoryLimitBytes)
        return;
    matrix_.resize(static_cast<std::size_t>(n * n));
    constexpr std::int64_t block = 512;
    for (std::int64_t c0 = 0; c0 < n; c0 += block) {
        cancel.throwIfCancelled();
        const std::int64_t nc = std::min(block, n - c0);
        // The block of columns c0.. is rows of the symmetric matrix: out[c * n + r].
        space_.similarityBlock(pool_.data() + c0, nc, pool_.data(), n, matrix_.data() + c0 * n);
    }
}

const float* SimilarityColumns::column(std::int64_t p) const
{
    const std::int64_t n = size();
    if (cached())
        return matrix_.data() + p * n;
    scratch_.resize(static_cast<std::size_t>(n));
    space_.similarityBlock(pool_.data() + p, 1, pool_.data(), n, scratch_.data());
    return scratch_.data();
}

double SimilarityColumns::diagonal(std::int64_t p) const
{
    const std::int64_t i = pool_[static_cast<std::size_t>(p)];
    return space_.similarity(i, i);
}

} // namespace dq
