#pragma once
#include <cstdint>

namespace dq {

// A seeded sparse random projection from the (unbounded, hashed) term space to `dim`
// dense dimensions: the block construction of the sparse Johnson-Lindenstrauss transform
// (Kane and Nelson, "Sparser Johnson-Lindenstrauss Transforms", 2014). The output is cut
// into `nonzeros` blocks of about dim / nonzeros dimensions; term t has one entry of
// +-1/sqrt(nonzeros) in each block, its position and sign drawn from
// SeededRandom(seed, stream = t). So E[<Rx, Ry>] = <x, y>, and the variance of |Rx|^2 is
// 2 (|x|^4 - sum x_i^4) / dim, as for a dense Gaussian projection, at `nonzeros` additions
// per term instead of dim (Achlioptas' density 1/3 would cost dim / 3, and Li's "very
// sparse" density 1/sqrt(V) leaves most of a million terms with no entry at dim 512).
// Columns are made on the fly from the term key: no V x dim matrix is stored, and a term's
// column does not depend on the corpus.
class SparseRandomProjection {
public:
    SparseRandomProjection(std::int64_t dim, int nonzeros, std::uint64_t seed);

    // out[0 .. dim) += weight * column(term)
    void add(std::uint64_t term, double weight, double* out) const;

    std::int64_t dim() const { return dim_; }
    int nonzeros() const { return nonzeros_; }

private:
    std::int64_t dim_;
    int nonzeros_;
    std::uint64_t seed_;
    double value_;
};

} // namespace dq
