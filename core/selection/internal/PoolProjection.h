#pragma once
#include <cstdint>
#include <vector>

namespace dq {

class CancelToken;

// An orthonormal basis Q (rank rows of dim) for a pool's rows: the pool's mean, then its
// leading directions (one randomised subspace step on up to 1,024 of its rows), and every
// row's coordinates Q x and residual |x - Q^T Q x|. With them any two vectors satisfy
//   |x - t|^2 = |Q x - Q t|^2 + |r_x - r_t|^2,  (|r_x| - |r_t|)^2 <= |r_x - r_t|^2 <= (|r_x| + |r_t|)^2,
// bounds on a distance from rank numbers instead of dim: the geometry methods (herding,
// k-center) compute an exact distance only where its bounds do not already decide. The
// embeddings of trained networks are nearly low-rank (Fashion-MNIST's 2,048-dimensional
// ConvNet embeddings keep about 1e-5 of a class's spread outside 128 directions), so the
// bounds are tight; on full-rank data they are loose and only cost the rank-sized work.
// The coordinates and residuals are computed in double (BLAS), so their error is far
// below the margins the callers allow for the float dot products they bound.
struct PoolProjection {
    std::int64_t rank = 0, dim = 0;
    std::vector<double> basis; // rank x dim, row-major, orthonormal rows
    std::vector<double> coords; // n x rank: Q x_p
    std::vector<float> coordsFloat; // the same, rounded to float (the quick scans)
    std::vector<double> coordNorm2; // |Q x_p|^2
    std::vector<double> residual; // |x_p - Q^T Q x_p|

    const double* coordsOf(std::int64_t p) const { return coords.data() + p * rank; }
    // Q v for a vector v of dim doubles, into out (rank doubles); returns |Q v|^2.
    double project(const double* v, double* out) const;
    const float* coordsFloatOf(std::int64_t p) const { return coordsFloat.data() + p * rank; }
};

// The default number of random directions beyond the mean.
constexpr std::int64_t kProjectionDirections = 128;

// Projects the rows `pool` of the row-major float32 matrix `x` (dim columns); `mean` is
// the pool's mean (rowMean). Deterministic (a fixed seed); directions 0 keeps the mean
// alone. Cancellable between blocks of rows.
PoolProjection projectPool(const float* x, std::int64_t dim, const std::vector<std::int64_t>& pool,
                           const std::vector<double>& mean, std::int64_t directions, const CancelToken& cancel);

} // namespace dq
