#include "submodular/internal/SimilarityColumns.h"

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
    makeSymmetric(cancel);
}

std::vector<std::uint64_t> SimilarityColumns::contentKeys(const CancelToken& cancel) const
{
    std::vector<std::uint64_t> keys(pool_.size());
    std::vector<double> phi(static_cast<std::size_t>(space_.sumDim()));
    for (std::size_t p = 0; p < pool_.size(); ++p) {
        if ((p & 1023) == 1023)
            cancel.throwIfCancelled();
        space_.phiRow(pool_[p], phi.data());
        std::uint64_t h = 1469598103934665603ULL; // FNV-1a over the row's bytes
        const auto* bytes = reinterpret_cast<const unsigned char*>(phi.data());
        for (std::size_t k = 0; k < phi.size() * sizeof(double); ++k)
            h = (h ^ bytes[k]) * 1099511628211ULL;
        keys[p] = h;
    }
    return keys;
}

void SimilarityColumns::makeSymmetric(const CancelToken& cancel)
{
    const std::int64_t n = size();
    // The product rounds an entry by the two rows' contents and by which side each was on,
    // not by their places: taking every pair's entry with the same content on the left
    // keeps duplicates' similarities identical. The side goes by a hash of each row's
    // contents (equal rows, equal hashes); on a hash collision of two different rows the
    // lower position goes left, still symmetric.
    const std::vector<std::uint64_t> key = contentKeys(cancel);
    auto at = [&](std::int64_t column, std::int64_t row) -> float& {
        return matrix_[static_cast<std::size_t>(column * n + row)];
    };
    for (std::int64_t p = 0; p < n; ++p)
        at(p, p) = static_cast<float>(diagonal(p));
    constexpr std::int64_t tile = 64; // keeps the transposed accesses in cache
    for (std::int64_t p0 = 0; p0 < n; p0 += tile) {
        cancel.throwIfCancelled();
        for (std::int64_t r0 = p0; r0 < n; r0 += tile)
            for (std::int64_t p = p0; p < std::min(p0 + tile, n); ++p)
                for (std::int64_t r = std::max(r0, p + 1); r < std::min(r0 + tile, n); ++r) {
                    // Column p holds p's row on the left (entry r); column r holds r's.
                    const std::uint64_t kp = key[static_cast<std::size_t>(p)], kr = key[static_cast<std::size_t>(r)];
                    float v = kp <= kr ? at(p, r) : at(r, p);
                    if (kp == kr && sameRow(p, r)) // a duplicate is as similar as to itself
                        v = at(p, p);
                    at(p, r) = v;
                    at(r, p) = v;
                }
    }
}

bool SimilarityColumns::sameRow(std::int64_t p, std::int64_t r) const
{
    rowA_.resize(static_cast<std::size_t>(space_.sumDim()));
    rowB_.resize(rowA_.size());
    space_.phiRow(pool_[static_cast<std::size_t>(p)], rowA_.data());
    space_.phiRow(pool_[static_cast<std::size_t>(r)], rowB_.data());
    return std::equal(rowA_.begin(), rowA_.end(), rowB_.begin());
}

const float* SimilarityColumns::column(std::int64_t p) const
{
    const std::int64_t n = size();
    if (cached())
        return matrix_.data() + p * n;
    // One similarity at a time: the space's s(i, j) is symmetric to the bit (a matrix
    // product over one column is not).
    scratch_.resize(static_cast<std::size_t>(n));
    const std::int64_t j = pool_[static_cast<std::size_t>(p)];
    for (std::int64_t r = 0; r < n; ++r)
        scratch_[static_cast<std::size_t>(r)] = static_cast<float>(space_.similarity(pool_[static_cast<std::size_t>(r)], j));
    return scratch_.data();
}

double SimilarityColumns::diagonal(std::int64_t p) const
{
    const std::int64_t i = pool_[static_cast<std::size_t>(p)];
    return space_.similarity(i, i);
}

} // namespace dq
