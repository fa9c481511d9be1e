#pragma once
#include "submodular/internal/SimilarityColumns.h"
#include "submodular/SubmodularFunction.h"

namespace dq {

// LogDeterminant: gain(x) = log det K_{S+x} - log det K_S = log(s(x,x) - K_xS K_SS^-1 K_Sx),
// the Schur complement, kept up to date by an incremental Cholesky factorisation
// (fast greedy MAP inference, Chen et al. 2018): O(1) per gain, O(n |S|) per pick.
// The reference inverts K_SS with a pseudo-inverse at every step.
class LogDeterminantFunction : public SubmodularFunction {
public:
    LogDeterminantFunction(const SimilaritySpace& space, const std::vector<std::int64_t>& pool, std::int64_t maxSelected,
                           std::int64_t memoryLimitBytes, const CancelToken& cancel);

    std::int64_t size() const override { return columns_.size(); }
    double gain(std::int64_t p) const override;
    void select(std::int64_t p) override;
    std::string reason() const override;

    // Bytes the Cholesky rows need beyond the similarity matrix.
    static std::int64_t factorBytes(std::int64_t n, std::int64_t maxSelected) { return n * maxSelected * 8; }

private:
    SimilarityColumns columns_;
    std::int64_t capacity_;
    std::int64_t selectedCount_ = 0;
    std::vector<double> residual_; // s(x,x) - |c_x|^2
    double floor_ = 0; // residuals at or below it: dependent on the selection
    std::vector<double> chol_; // row x: c_x, capacity_ entries
    std::vector<char> selected_;
};

} // namespace dq
