#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace dq {

// Throws dq::Error naming `source`, the row and the column of the first NaN or infinity.
void checkFiniteRows(const float* data, std::int64_t rows, std::int64_t dim, const std::string& source);

// Euclidean norms of the rows, in double.
std::vector<double> rowNorms(const float* data, std::int64_t rows, std::int64_t dim);

// The smallest cosine of a non-zero row to the rows' mean direction (1 for no rows).
double minCosineToMeanDirection(const float* data, std::int64_t rows, std::int64_t dim, const std::vector<double>& norms);

// A proven lower bound on the cosine of any two rows (zero rows count as cosine 0):
// if every row lies within angle t of the mean direction, any two lie within 2t; if
// every value is >= 0, no cosine is negative. `how` says which argument gave the bound.
double minPairCosine(const float* data, std::int64_t rows, std::int64_t dim, const std::vector<double>& norms,
                     std::string& how);

} // namespace dq
