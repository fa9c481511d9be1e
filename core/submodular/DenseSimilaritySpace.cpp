#include "submodular/internal/DenseSimilaritySpace.h"

#include "common/Error.h"
#include "submodular/internal/RowChecks.h"
#include "submodular/internal/SimilarityBlocks.h"

#include "submodular/internal/VectorMath.h"

#include <algorithm>
#include <cstdio>

namespace dq {

DenseSimilaritySpace::DenseSimilaritySpace(std::shared_ptr<const void> owner, const float* data, std::int64_t rows,
                                           std::int64_t dim, Kernel kernel, const std::string& source)
        : SimilaritySpace(kernel), owner_(std::move(owner)), data_(data), rows_(rows), dim_(dim)
{
    if (rows < 0 || dim <= 0)
        throw Error(source, "features need at least one column");
    checkFiniteRows(data, rows, dim, source);
    const std::vector<double> norms = rowNorms(data, rows, dim);
    factor_.resize(static_cast<std::size_t>(rows), 1.0);
    phiNorm_.resize(static_cast<std::size_t>(rows));
    for (std::int64_t i = 0; i < rows; ++i) {
        const auto k = static_cast<std::size_t>(i);
        const double n = norms[k];
        if (n == 0)
            ++zeroRows_;
        if (kernel == Kernel::Cosine)
            factor_[k] = n > 0 ? 1.0 / n : 0.0;
        phiNorm_[k] = n * factor_[k];
    }
    std::string how;
    const double minCos = minPairCosine(data, rows, dim, norms, how);
    char buf[96];
    if (kernel == Kernel::Cosine) {
        minSimilarity_ = 0.5 + 0.5 * minCos;
        std::snprintf(buf, sizeof buf, "s = 0.5 + 0.5 cos >= %.4f", minSimilarity_);
    } else {
        double minNorm = rows > 0 ? norms[0] : 0, maxNorm = 0;
        for (const double nv : norms) {
            minNorm = std::min(minNorm, nv);
            maxNorm = std::max(maxNorm, nv);
        }
        // s = |x||y| cos: the smallest product of norms for a positive cosine bound,
        // the largest for a negative one.
        minSimilarity_ = minCos >= 0 ? minNorm * minNorm * minCos : maxNorm * maxNorm * minCos;
        std::snprintf(buf, sizeof buf, "s = x.y >= %.4g", minSimilarity_);
    }
    bound_ = std::string(buf) + " (" + how + ")";
}

void DenseSimilaritySpace::accumulate(std::int64_t i, double* sum) const
{
    axpyMixed(sum, factor_[static_cast<std::size_t>(i)], row(i), dim_);
}

void DenseSimilaritySpace::phiRow(std::int64_t i, double* out) const
{
    // The same products as accumulate's axpy adds to zeros.
    const double f = factor_[static_cast<std::size_t>(i)];
    const float* x = row(i);
    for (std::int64_t k = 0; k < dim_; ++k)
        out[k] = f * static_cast<double>(x[k]);
}

double DenseSimilaritySpace::dot(const double* sum, std::int64_t i) const
{
    return dotMixed(sum, row(i), dim_) * factor_[static_cast<std::size_t>(i)];
}

double DenseSimilaritySpace::phiDot(std::int64_t i, std::int64_t j) const
{
    // Factors multiplied first: s(i, j) and s(j, i) round alike.
    return dotFloat(row(i), row(j), dim_) * (factor_[static_cast<std::size_t>(i)] * factor_[static_cast<std::size_t>(j)]);
}

void DenseSimilaritySpace::similarityBlock(const std::int64_t* rows, std::int64_t nr, const std::int64_t* cols,
                                           std::int64_t nc, float* out) const
{
    denseSimilarityBlock(data_, dim_, factor_.data(), rows, nr, cols, nc, offset(), scale(), out);
}

} // namespace dq
