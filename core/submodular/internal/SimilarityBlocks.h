#pragma once
#include <cstdint>

namespace dq {

// Dense similarity blocks through BLAS's sgemm (OpenBLAS behind Debian's libblas.so.3),
// called as LibTorch's matrix product called it, so the engine needs no LibTorch.
// out[r * nc + c] = offset + scale * fr[rows[r]] fc[cols[c]] <x_rows[r], x_cols[c]>
void denseSimilarityBlock(const float* data, std::int64_t dim, const double* factor, const std::int64_t* rows,
                          std::int64_t nr, const std::int64_t* cols, std::int64_t nc, double offset, double scale,
                          float* out);

// Same for factored gradients: <phi_i, phi_j> = f_i f_j (b_i . b_j)(1 + e_i . e_j).
void factoredSimilarityBlock(const float* b, std::int64_t classes, const float* e, std::int64_t embedDim,
                             const double* factor, const std::int64_t* rows, std::int64_t nr, const std::int64_t* cols,
                             std::int64_t nc, double offset, double scale, float* out);

} // namespace dq
