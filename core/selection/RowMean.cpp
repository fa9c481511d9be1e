#include "selection/internal/RowMean.h"

namespace dq {

std::vector<double> rowMean(const float* x, std::int64_t dim, const std::vector<std::int64_t>& rows)
{
    std::vector<double> mean(static_cast<std::size_t>(dim), 0.0);
    for (const std::int64_t r : rows) {
        const float* xr = x + r * dim;
        for (std::int64_t j = 0; j < dim; ++j)
            mean[static_cast<std::size_t>(j)] += xr[j];
    }
    if (!rows.empty())
        for (double& m : mean)
            m /= static_cast<double>(rows.size());
    return mean;
}

} // namespace dq
