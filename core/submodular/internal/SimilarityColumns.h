#pragma once
#include <cstdint>
#include <vector>

namespace dq {

class SimilaritySpace;
class CancelToken;

// Columns s(pool[i], pool[p]) (i over the whole pool) for FacilityLocation and
// LogDeterminant. The dense pool x pool matrix is computed in blocks by matrix products
// and kept when it fits in `memoryLimitBytes`; otherwise each column is computed when
// asked (exact, O(n d) per column) and nothing of size n x n is held.
//
// Either way the columns are exactly symmetric (column p's entry r equals column r's entry
// p, bit for bit), duplicate rows have identical similarities, and the diagonal is
// s(i, i) as the space gives it: a matrix product need not round s(i, j) and s(j, i)
// alike, and pairs that tie in exact arithmetic by symmetry (two samples each other's
// nearest, the rest covered: real on Fashion-MNIST) or by duplication would then be
// decided by rounding instead of by the lowest position, as the reference's argmax does.
class SimilarityColumns {
public:
    SimilarityColumns(const SimilaritySpace& space, const std::vector<std::int64_t>& pool, std::int64_t memoryLimitBytes,
                      const CancelToken& cancel);

    std::int64_t size() const { return static_cast<std::int64_t>(pool_.size()); }
    bool cached() const { return !matrix_.empty(); }
    // Valid until the next call to column() (the scratch buffer is reused).
    const float* column(std::int64_t p) const;
    double diagonal(std::int64_t p) const;
    // Bytes the dense matrix of a pool of n samples needs.
    static std::int64_t matrixBytes(std::int64_t n) { return n * n * 4; }

private:
    void makeSymmetric(const CancelToken& cancel);
    std::vector<std::uint64_t> contentKeys(const CancelToken& cancel) const;
    bool sameRow(std::int64_t p, std::int64_t r) const; // bit for bit

    const SimilaritySpace& space_;
    std::vector<std::int64_t> pool_;
    std::vector<float> matrix_; // symmetric, column p at p * n
    mutable std::vector<float> scratch_;
    mutable std::vector<double> rowA_, rowB_;
};

} // namespace dq
