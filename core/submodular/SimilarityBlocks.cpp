#include "submodular/internal/SimilarityBlocks.h"

#include <cblas.h>

#include <algorithm>
#include <cstddef>
#include <vector>

namespace dq {
namespace {

using Rows = std::vector<float>;

// Gathers rows scaled by their factors (row-major, n x dim).
Rows gatherRows(const float* data, std::int64_t dim, const double* factor, const std::int64_t* idx, std::int64_t n)
{
    Rows t(static_cast<std::size_t>(n * dim));
    for (std::int64_t r = 0; r < n; ++r) {
        const float* src = data + idx[r] * dim;
        const float f = static_cast<float>(factor[idx[r]]);
        for (std::int64_t k = 0; k < dim; ++k)
            t[static_cast<std::size_t>(r * dim + k)] = src[k] * f;
    }
    return t;
}

Rows gatherPlain(const float* data, std::int64_t dim, const std::int64_t* idx, std::int64_t n)
{
    Rows t(static_cast<std::size_t>(n * dim));
    for (std::int64_t r = 0; r < n; ++r)
        std::copy(data + idx[r] * dim, data + (idx[r] + 1) * dim, t.data() + r * dim);
    return t;
}

// out (nr x nc, row-major) = a b^T for row-major a (nr x dim) and b (nc x dim). The call is
// the one LibTorch's at::mm(a, b.t()) makes (column-major, b first), so the bins stay
// bit-identical to those the engine gave while it used at::mm.
void gram(const Rows& a, std::int64_t nr, const Rows& b, std::int64_t nc, std::int64_t dim, float* out)
{
    if (nr == 0 || nc == 0)
        return;
    if (dim == 0) {
        std::fill(out, out + nr * nc, 0.0f);
        return;
    }
    cblas_sgemm(CblasColMajor, CblasTrans, CblasNoTrans, static_cast<int>(nc), static_cast<int>(nr), static_cast<int>(dim),
                1.0f, b.data(), static_cast<int>(dim), a.data(), static_cast<int>(dim), 0.0f, out, static_cast<int>(nc));
}

// As LibTorch's gram.mul(scale).add_(offset) on floats: two roundings, no fused multiply-add.
void scaleAndShift(float* out, std::int64_t n, double offset, double scale)
{
    const float s = static_cast<float>(scale);
    const float o = static_cast<float>(offset);
    for (std::int64_t i = 0; i < n; ++i) {
        const float scaled = out[i] * s;
        out[i] = scaled + o;
    }
}

} // namespace

void denseSimilarityBlock(const float* data, std::int64_t dim, const double* factor, const std::int64_t* rows,
                          std::int64_t nr, const std::int64_t* cols, std::int64_t nc, double offset, double scale,
                          float* out)
{
    const Rows r = gatherRows(data, dim, factor, rows, nr);
    const Rows c = gatherRows(data, dim, factor, cols, nc);
    gram(r, nr, c, nc, dim, out);
    scaleAndShift(out, nr * nc, offset, scale);
}

void factoredSimilarityBlock(const float* b, std::int64_t classes, const float* e, std::int64_t embedDim,
                             const double* factor, const std::int64_t* rows, std::int64_t nr, const std::int64_t* cols,
                             std::int64_t nc, double offset, double scale, float* out)
{
    const Rows br = gatherRows(b, classes, factor, rows, nr);
    const Rows bc = gatherRows(b, classes, factor, cols, nc);
    const Rows er = gatherPlain(e, embedDim, rows, nr);
    const Rows ec = gatherPlain(e, embedDim, cols, nc);
    std::vector<float> embedded(static_cast<std::size_t>(nr * nc));
    gram(er, nr, ec, nc, embedDim, embedded.data());
    gram(br, nr, bc, nc, classes, out);
    for (std::size_t i = 0; i < embedded.size(); ++i)
        out[i] *= embedded[i] + 1.0f;
    scaleAndShift(out, nr * nc, offset, scale);
}

} // namespace dq
