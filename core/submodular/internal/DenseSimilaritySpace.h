#pragma once
#include "submodular/SimilaritySpace.h"

#include <memory>
#include <vector>

namespace dq {

// Plain feature rows (n x d float32, row-major), e.g. pixels, embeddings. For the cosine
// kernel phi_i = x_i / |x_i| (0 for zero rows); for the dot kernel phi_i = x_i.
class DenseSimilaritySpace : public SimilaritySpace {
public:
    // `owner` keeps `data` alive; the rows are not copied. `source` names the input in errors.
    DenseSimilaritySpace(std::shared_ptr<const void> owner, const float* data, std::int64_t rows, std::int64_t dim,
                         Kernel kernel, const std::string& source);

    std::int64_t size() const override { return rows_; }
    std::int64_t sumDim() const override { return dim_; }
    std::int64_t dim() const { return dim_; }
    void accumulate(std::int64_t i, double* sum) const override;
    void phiRow(std::int64_t i, double* out) const override;
    double dot(const double* sum, std::int64_t i) const override;
    double phiDot(std::int64_t i, std::int64_t j) const override;
    void similarityBlock(const std::int64_t* rows, std::int64_t nr, const std::int64_t* cols, std::int64_t nc,
                         float* out) const override;

private:
    const float* row(std::int64_t i) const { return data_ + i * dim_; }

    std::shared_ptr<const void> owner_;
    const float* data_;
    std::int64_t rows_;
    std::int64_t dim_;
};

} // namespace dq
