#include "submodular/internal/LogDeterminantFunction.h"

#include "common/Error.h"

#include <algorithm>
#include <cmath>

namespace dq {
namespace {
// Residuals at or below this fraction of the largest self-similarity are treated as
// linearly dependent on the selection: the similarities are held in float32, and a
// candidate in the span of the selection keeps a residual of their rounding (measured:
// up to 3e-7 on unit vectors). Below the floor every dependent candidate has the same
// gain, so they tie exactly and the lowest position wins, as in exact arithmetic, where
// all of them are log 0; above it, rounding noise would pick among them.
constexpr double kDependentResidual = 1e-5;
} // namespace

LogDeterminantFunction::LogDeterminantFunction(const SimilaritySpace& space, const std::vector<std::int64_t>& pool,
                                               std::int64_t maxSelected, std::int64_t memoryLimitBytes,
                                               const CancelToken& cancel)
        : columns_(space, pool, memoryLimitBytes - factorBytes(static_cast<std::int64_t>(pool.size()), maxSelected), cancel),
          capacity_(maxSelected), residual_(pool.size()),
          chol_(static_cast<std::size_t>(static_cast<std::int64_t>(pool.size()) * maxSelected), 0.0),
          selected_(pool.size(), 0)
{
    double largest = 0;
    for (std::size_t p = 0; p < pool.size(); ++p) {
        residual_[p] = columns_.diagonal(static_cast<std::int64_t>(p));
        largest = std::max(largest, residual_[p]);
    }
    floor_ = largest > 0 ? kDependentResidual * largest : 1e-300;
}

double LogDeterminantFunction::gain(std::int64_t p) const
{
    return std::log(std::max(residual_[static_cast<std::size_t>(p)], floor_));
}

void LogDeterminantFunction::select(std::int64_t j)
{
    if (selectedCount_ >= capacity_)
        throw Error("log-det", "more picks than the budget it was built for");
    const float* col = columns_.column(j);
    const double dj = std::sqrt(std::max(residual_[static_cast<std::size_t>(j)], floor_));
    const double* cj = chol_.data() + j * capacity_;
    const std::int64_t k = selectedCount_;
    selected_[static_cast<std::size_t>(j)] = 1;
    for (std::int64_t x = 0; x < size(); ++x) {
        if (selected_[static_cast<std::size_t>(x)])
            continue;
        double* cx = chol_.data() + x * capacity_;
        double dotc = 0;
        for (std::int64_t t = 0; t < k; ++t)
            dotc += cj[t] * cx[t];
        const double e = (static_cast<double>(col[x]) - dotc) / dj;
        cx[k] = e;
        residual_[static_cast<std::size_t>(x)] -= e * e;
    }
    ++selectedCount_;
}

std::string LogDeterminantFunction::reason() const
{
    return std::string("log-determinant: Schur complements only shrink; similarity matrix ") +
           (columns_.cached() ? "held in memory" : "computed column by column (over the memory limit)");
}

} // namespace dq
