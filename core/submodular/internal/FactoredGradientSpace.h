#pragma once
#include "submodular/SimilaritySpace.h"

#include <memory>
#include <vector>

namespace dq {

// Last-layer gradient features g_i = [b_i, vec(b_i e_i^T)] given by their factors
// b (n x C, d loss / d logits) and e (n x D, penultimate embedding), never materialised:
// g_i . g_j = (b_i . b_j)(1 + e_i . e_j). Sums over sets are held as a C-vector plus a
// C x D matrix, the size of one gradient, not n of them.
class FactoredGradientSpace : public SimilaritySpace {
public:
    FactoredGradientSpace(std::shared_ptr<const void> owner, const float* b, const float* e, std::int64_t rows,
                          std::int64_t classes, std::int64_t embedDim, Kernel kernel, const std::string& source);

    std::int64_t size() const override { return rows_; }
    std::int64_t sumDim() const override { return c_ + c_ * d_; }
    void accumulate(std::int64_t i, double* sum) const override;
    double dot(const double* sum, std::int64_t i) const override;
    double phiDot(std::int64_t i, std::int64_t j) const override;
    void similarityBlock(const std::int64_t* rows, std::int64_t nr, const std::int64_t* cols, std::int64_t nc,
                         float* out) const override;

private:
    const float* bRow(std::int64_t i) const { return b_ + i * c_; }
    const float* eRow(std::int64_t i) const { return e_ + i * d_; }

    std::shared_ptr<const void> owner_;
    const float* b_;
    const float* e_;
    std::int64_t rows_, c_, d_;
};

} // namespace dq
