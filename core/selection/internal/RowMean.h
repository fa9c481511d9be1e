#pragma once
#include <cstdint>
#include <vector>

namespace dq {

// The mean (in double) of the rows `rows` of the row-major float32 matrix `x` (dim
// columns): the class centre of herding and Moderate-DS. Zeros for no rows.
std::vector<double> rowMean(const float* x, std::int64_t dim, const std::vector<std::int64_t>& rows);

} // namespace dq
