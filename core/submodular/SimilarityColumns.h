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
class SimilarityColumns {
public:
    SimilarityColumns(const SimilaritySpace& space, const std::vector<std::int64_t>& pool,
                      std::int64_t memoryLimitBytes, const CancelToken& cancel);

    std::int64_t size() const { return static_cast<std::int64_t>(pool_.size()); }
    bool cached() const { return !matrix_.empty(); }
    // Valid until the next call to column() (the scratch buffer is reused).
    const float* column(std::int64_t p) const;
    double diagonal(std::int64_t p) const;
    // Bytes the dense matrix of a pool of n samples needs.
    static std::int64_t matrixBytes(std::int64_t n) { return n * n * 4; }

private:
    const SimilaritySpace& space_;
    std::vector<std::int64_t> pool_;
    std::vector<float> matrix_; // symmetric, column p at p * n
    mutable std::vector<float> scratch_;
};

} // namespace dq
