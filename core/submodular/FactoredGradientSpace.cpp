#include "submodular/internal/FactoredGradientSpace.h"

#include "common/Error.h"
#include "submodular/internal/RowChecks.h"
#include "submodular/internal/SimilarityBlocks.h"

#include <algorithm>
#include <cmath>

namespace dq {

FactoredGradientSpace::FactoredGradientSpace(std::shared_ptr<const void> owner, const float* b, const float* e,
                                             std::int64_t rows, std::int64_t classes, std::int64_t embedDim, Kernel kernel,
                                             const std::string& source)
        : SimilaritySpace(kernel), owner_(std::move(owner)), b_(b), e_(e), rows_(rows), c_(classes), d_(embedDim)
{
    if (classes <= 0 || embedDim <= 0)
        throw Error(source, "gradient factors need at least one class and one embedding column");
    checkFiniteRows(b, rows, classes, source + " (gradient factor b)");
    checkFiniteRows(e, rows, embedDim, source + " (embedding e)");
    const std::vector<double> bn = rowNorms(b, rows, classes);
    const std::vector<double> en = rowNorms(e, rows, embedDim);
    factor_.assign(static_cast<std::size_t>(rows), 1.0);
    phiNorm_.assign(static_cast<std::size_t>(rows), 0.0);
    for (std::int64_t i = 0; i < rows; ++i) {
        const auto k = static_cast<std::size_t>(i);
        // |g|^2 = |b|^2 (1 + |e|^2)
        const double gn = bn[k] * std::sqrt(1.0 + en[k] * en[k]);
        if (gn == 0)
            ++zeroRows_;
        if (kernel == Kernel::Cosine)
            factor_[k] = gn > 0 ? 1.0 / gn : 0.0;
        phiNorm_[k] = gn * factor_[k];
    }
    if (kernel == Kernel::Cosine) {
        minSimilarity_ = 0.0;
        bound_ = "s = 0.5 + 0.5 cos >= 0";
    } else {
        // Cauchy-Schwarz: g_i . g_j >= -max |g|^2, |g|^2 = |b|^2 (1 + |e|^2).
        double maxG2 = 0;
        for (std::int64_t i = 0; i < rows; ++i) {
            const auto k = static_cast<std::size_t>(i);
            maxG2 = std::max(maxG2, bn[k] * bn[k] * (1.0 + en[k] * en[k]));
        }
        minSimilarity_ = -maxG2;
        bound_ = "s = g.g' >= -max |g|^2 (Cauchy-Schwarz)";
    }
}

void FactoredGradientSpace::accumulate(std::int64_t i, double* sum) const
{
    const float* b = bRow(i);
    const float* e = eRow(i);
    const double f = factor_[static_cast<std::size_t>(i)];
    for (std::int64_t c = 0; c < c_; ++c) {
        const double w = f * b[c];
        sum[c] += w;
        double* m = sum + c_ + c * d_;
        for (std::int64_t k = 0; k < d_; ++k)
            m[k] += w * e[k];
    }
}

double FactoredGradientSpace::dot(const double* sum, std::int64_t i) const
{
    const float* b = bRow(i);
    const float* e = eRow(i);
    double s = 0;
    for (std::int64_t c = 0; c < c_; ++c) {
        const double* m = sum + c_ + c * d_;
        double me = sum[c];
        for (std::int64_t k = 0; k < d_; ++k)
            me += m[k] * e[k];
        s += b[c] * me;
    }
    return s * factor_[static_cast<std::size_t>(i)];
}

double FactoredGradientSpace::phiDot(std::int64_t i, std::int64_t j) const
{
    double bb = 0, ee = 0;
    for (std::int64_t c = 0; c < c_; ++c)
        bb += static_cast<double>(bRow(i)[c]) * bRow(j)[c];
    for (std::int64_t k = 0; k < d_; ++k)
        ee += static_cast<double>(eRow(i)[k]) * eRow(j)[k];
    // Factors multiplied first: s(i, j) and s(j, i) round alike.
    return bb * (1.0 + ee) * (factor_[static_cast<std::size_t>(i)] * factor_[static_cast<std::size_t>(j)]);
}

void FactoredGradientSpace::similarityBlock(const std::int64_t* rows, std::int64_t nr, const std::int64_t* cols,
                                            std::int64_t nc, float* out) const
{
    factoredSimilarityBlock(b_, c_, e_, d_, factor_.data(), rows, nr, cols, nc, offset(), scale(), out);
}

} // namespace dq
