#include "submodular/SimilarityBlocks.h"

#include <ATen/ATen.h>

namespace dq {
namespace {

// Gathers rows scaled by their factors into a float tensor.
at::Tensor gatherRows(const float* data, std::int64_t dim, const double* factor,
                      const std::int64_t* idx, std::int64_t n)
{
    at::Tensor t = at::empty({n, dim}, at::kFloat);
    float* dst = t.data_ptr<float>();
    for (std::int64_t r = 0; r < n; ++r) {
        const float* src = data + idx[r] * dim;
        const float f = static_cast<float>(factor[idx[r]]);
        for (std::int64_t k = 0; k < dim; ++k)
            dst[r * dim + k] = src[k] * f;
    }
    return t;
}

at::Tensor gatherPlain(const float* data, std::int64_t dim, const std::int64_t* idx, std::int64_t n)
{
    at::Tensor t = at::empty({n, dim}, at::kFloat);
    float* dst = t.data_ptr<float>();
    for (std::int64_t r = 0; r < n; ++r)
        std::copy(data + idx[r] * dim, data + (idx[r] + 1) * dim, dst + r * dim);
    return t;
}

void writeOut(const at::Tensor& gram, double offset, double scale, float* out, std::int64_t nr, std::int64_t nc)
{
    at::Tensor o = at::from_blob(out, {nr, nc}, at::kFloat);
    o.copy_(gram.mul(scale).add_(offset));
}

} // namespace

void denseSimilarityBlock(const float* data, std::int64_t dim, const double* factor,
                          const std::int64_t* rows, std::int64_t nr, const std::int64_t* cols,
                          std::int64_t nc, double offset, double scale, float* out)
{
    const at::Tensor r = gatherRows(data, dim, factor, rows, nr);
    const at::Tensor c = gatherRows(data, dim, factor, cols, nc);
    writeOut(at::mm(r, c.t()), offset, scale, out, nr, nc);
}

void factoredSimilarityBlock(const float* b, std::int64_t classes, const float* e, std::int64_t embedDim,
                             const double* factor, const std::int64_t* rows, std::int64_t nr,
                             const std::int64_t* cols, std::int64_t nc, double offset, double scale,
                             float* out)
{
    const at::Tensor br = gatherRows(b, classes, factor, rows, nr);
    const at::Tensor bc = gatherRows(b, classes, factor, cols, nc);
    const at::Tensor er = gatherPlain(e, embedDim, rows, nr);
    const at::Tensor ec = gatherPlain(e, embedDim, cols, nc);
    const at::Tensor gram = at::mm(br, bc.t()).mul_(at::mm(er, ec.t()).add_(1.0));
    writeOut(gram, offset, scale, out, nr, nc);
}

} // namespace dq
