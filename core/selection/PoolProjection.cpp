#include "selection/internal/PoolProjection.h"

#include "common/Progress.h"
#include "submodular/internal/SeededRandom.h"

#include <cblas.h>

#include <algorithm>
#include <cmath>

namespace dq {
namespace {

constexpr std::int64_t kSampleRows = 1024, kBlockRows = 256;

// sum a[j] b[j] in double, four lanes (only ever bounded, never compared for equality:
// the order of the sum is free). One function for the AVX2 clone to inline into.
__attribute__((target_clones("avx2", "default"))) double dotDouble(const double* a, const double* b, std::int64_t n)
{
    typedef double v4d __attribute__((vector_size(32)));
    v4d s0 = {}, s1 = {};
    std::int64_t j = 0;
    for (; j + 8 <= n; j += 8) {
        v4d a0, a1, b0, b1;
        __builtin_memcpy(&a0, a + j, sizeof a0);
        __builtin_memcpy(&a1, a + j + 4, sizeof a1);
        __builtin_memcpy(&b0, b + j, sizeof b0);
        __builtin_memcpy(&b1, b + j + 4, sizeof b1);
        s0 += a0 * b0;
        s1 += a1 * b1;
    }
    s0 += s1;
    double r = s0[0] + s0[1] + s0[2] + s0[3];
    for (; j < n; ++j)
        r += a[j] * b[j];
    return r;
}

// Appends v to the orthonormal rows of q (rank of them, dim each) when what is left of it
// after two Gram-Schmidt passes is more than rounding; returns whether it was kept.
bool appendOrthonormal(std::vector<double>& q, std::int64_t& rank, std::int64_t dim, std::vector<double> v)
{
    const auto d = static_cast<std::size_t>(dim);
    double before = 0;
    for (const double e : v)
        before += e * e;
    if (!(before > 0))
        return false;
    for (int pass = 0; pass < 2; ++pass)
        for (std::int64_t r = 0; r < rank; ++r) {
            const double* qr = q.data() + r * dim;
            const double c = dotDouble(qr, v.data(), dim);
            for (std::size_t j = 0; j < d; ++j)
                v[j] -= c * qr[j];
        }
    double after = 0;
    for (const double e : v)
        after += e * e;
    if (!(after > 1e-20 * before))
        return false;
    const double scale = 1.0 / std::sqrt(after);
    for (const double e : v)
        q.push_back(e * scale);
    ++rank;
    return true;
}

} // namespace

double PoolProjection::project(const double* v, double* out) const
{
    double norm2 = 0;
    for (std::int64_t a = 0; a < rank; ++a) {
        out[a] = dotDouble(basis.data() + a * dim, v, dim);
        norm2 += out[a] * out[a];
    }
    return norm2;
}

PoolProjection projectPool(const float* x, std::int64_t dim, const std::vector<std::int64_t>& pool,
                           const std::vector<double>& mean, std::int64_t directions, const CancelToken& cancel)
{
    PoolProjection pp;
    const auto n = static_cast<std::int64_t>(pool.size());
    const auto d = static_cast<std::size_t>(dim);
    pp.dim = dim;
    if (n == 0 || dim == 0)
        return pp;
    auto row = [&](std::int64_t p) { return x + pool[static_cast<std::size_t>(p)] * dim; };
    appendOrthonormal(pp.basis, pp.rank, dim, mean);

    // Leading directions of the centred rows: Z = Xs^T (Xs W) for a random W (dim x k),
    // on evenly spaced rows. Only the bounds' tightness depends on this, never a result.
    const std::int64_t m = std::min(n, kSampleRows);
    const std::int64_t k = std::min({directions, m, dim});
    if (k > 0) {
        std::vector<float> xs(static_cast<std::size_t>(m) * d);
        for (std::int64_t i = 0; i < m; ++i) {
            const float* xr = row(i * n / m);
            for (std::size_t j = 0; j < d; ++j)
                xs[static_cast<std::size_t>(i) * d + j] = static_cast<float>(xr[j] - mean[j]);
        }
        std::vector<float> w(d * static_cast<std::size_t>(k));
        SeededRandom rng(0x50524F4A, static_cast<std::uint64_t>(dim));
        for (float& e : w)
            e = static_cast<float>(static_cast<double>(rng.next() >> 11) * 0x1.0p-53 * 2.0 - 1.0);
        std::vector<float> y(static_cast<std::size_t>(m * k)), z(d * static_cast<std::size_t>(k));
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, static_cast<int>(m), static_cast<int>(k),
                    static_cast<int>(dim), 1.0f, xs.data(), static_cast<int>(dim), w.data(), static_cast<int>(k), 0.0f,
                    y.data(), static_cast<int>(k));
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, static_cast<int>(dim), static_cast<int>(k), static_cast<int>(m),
                    1.0f, xs.data(), static_cast<int>(dim), y.data(), static_cast<int>(k), 0.0f, z.data(),
                    static_cast<int>(k));
        cancel.throwIfCancelled();
        for (std::int64_t c = 0; c < k; ++c) {
            std::vector<double> v(d);
            for (std::size_t j = 0; j < d; ++j)
                v[j] = z[j * static_cast<std::size_t>(k) + static_cast<std::size_t>(c)];
            appendOrthonormal(pp.basis, pp.rank, dim, std::move(v));
        }
    }

    // Coordinates and residuals in double, a block of rows at a time.
    const auto r = static_cast<std::size_t>(pp.rank);
    pp.coords.assign(static_cast<std::size_t>(n) * r, 0.0);
    pp.coordsFloat.resize(static_cast<std::size_t>(n) * r);
    pp.coordNorm2.assign(static_cast<std::size_t>(n), 0.0);
    pp.residual.assign(static_cast<std::size_t>(n), 0.0);
    std::vector<double> block(static_cast<std::size_t>(kBlockRows) * d);
    for (std::int64_t b = 0; b < n; b += kBlockRows) {
        cancel.throwIfCancelled();
        const std::int64_t rows = std::min(kBlockRows, n - b);
        std::vector<double> norm2(static_cast<std::size_t>(rows), 0.0);
        for (std::int64_t i = 0; i < rows; ++i) {
            const float* xr = row(b + i);
            double* out = block.data() + static_cast<std::size_t>(i) * d;
            double s = 0;
            for (std::size_t j = 0; j < d; ++j) {
                out[j] = xr[j];
                s += out[j] * out[j];
            }
            norm2[static_cast<std::size_t>(i)] = s;
        }
        if (r > 0)
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, static_cast<int>(rows), static_cast<int>(r),
                        static_cast<int>(dim), 1.0, block.data(), static_cast<int>(dim), pp.basis.data(),
                        static_cast<int>(dim), 0.0, pp.coords.data() + static_cast<std::size_t>(b) * r, static_cast<int>(r));
        for (std::int64_t i = 0; i < rows; ++i) {
            const auto p = static_cast<std::size_t>(b + i);
            double c2 = 0;
            for (std::size_t a = 0; a < r; ++a) {
                const double c = pp.coords[p * r + a];
                pp.coordsFloat[p * r + a] = static_cast<float>(c);
                c2 += c * c;
            }
            pp.coordNorm2[p] = c2;
            pp.residual[p] = std::sqrt(std::max(0.0, norm2[static_cast<std::size_t>(i)] - c2));
        }
    }
    return pp;
}

} // namespace dq
