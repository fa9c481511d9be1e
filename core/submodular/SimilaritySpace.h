#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace dq {

enum class Kernel {
    Cosine, // s = 0.5 + 0.5 cos(x, y), in [0, 1] (images)
    Dot // s = x . y (instruction embeddings)
};

// Samples as vectors phi_i in an inner-product space such that every similarity the
// engine uses is s(i, j) = offset + scale * <phi_i, phi_j>. Sums of phi over a set are
// held explicitly (sumDim() doubles), so sum_{i in P} s(i, x) costs O(d), not O(|P| d),
// and no n x n matrix is ever needed for GraphCut. Implementations never copy the
// features: phi is the stored row times a per-row factor.
class SimilaritySpace {
public:
    virtual ~SimilaritySpace() = default;

    virtual std::int64_t size() const = 0;
    virtual std::int64_t sumDim() const = 0;
    // sum += phi_i
    virtual void accumulate(std::int64_t i, double* sum) const = 0;
    // out = phi_i (as accumulate would add it to zeros)
    virtual void phiRow(std::int64_t i, double* out) const;
    // <sum, phi_i>
    virtual double dot(const double* sum, std::int64_t i) const = 0;
    // <phi_i, phi_j> and |phi_i|
    virtual double phiDot(std::int64_t i, std::int64_t j) const = 0;
    double phiNorm(std::int64_t i) const { return phiNorm_[static_cast<std::size_t>(i)]; }
    // out[r * nc + c] = s(rows[r], cols[c]) computed with dense matrix products.
    virtual void similarityBlock(const std::int64_t* rows, std::int64_t nr, const std::int64_t* cols, std::int64_t nc,
                                 float* out) const = 0;
    // A proven lower bound on s(i, j) over all pairs, and how it was proven. Lazy greedy
    // on GraphCut uses it to tighten its stale bounds (every pick lowers every gain by at
    // least 2 * minSimilarity()), which keeps it exact even where s can be negative.
    double minSimilarity() const { return minSimilarity_; }
    const std::string& similarityBound() const { return bound_; }
    bool nonNegative() const { return minSimilarity() >= 0; }
    // Rows with zero norm (their cosine to anything is taken as 0).
    std::int64_t zeroRows() const { return zeroRows_; }

    Kernel kernel() const { return kernel_; }
    double offset() const { return kernel_ == Kernel::Cosine ? 0.5 : 0.0; }
    double scale() const { return kernel_ == Kernel::Cosine ? 0.5 : 1.0; }
    double similarity(std::int64_t i, std::int64_t j) const { return offset() + scale() * phiDot(i, j); }

protected:
    explicit SimilaritySpace(Kernel k) : kernel_(k) { }

    // Filled by the constructors of the implementations.
    std::vector<double> factor_; // per-row factor: phi_i = factor_i * stored row
    std::vector<double> phiNorm_;
    std::int64_t zeroRows_ = 0;
    double minSimilarity_ = 0;
    std::string bound_;

private:
    Kernel kernel_;
};

const char* kernelName(Kernel k);
Kernel parseKernel(const std::string& name); // throws UsageError naming --kernel

} // namespace dq
