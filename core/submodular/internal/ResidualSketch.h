#pragma once
#include <cstdint>
#include <memory>
#include <vector>

namespace dq {

class SimilaritySpace;

// A compact copy of the phi of one pool that bounds <S, phi_p> for a running sum S in a
// quarter of the memory traffic of the exact product (rows are made on first use: on a
// large pool most are never needed). Each phi_p is split along a
// direction m (the pool's mean direction) as phi_p = c_p m + s_p q_p + e_p with q_p int8,
// and S = sigma m + S_perp. Then <S, phi_p> = sigma <phi_p, m> + c_p <m, S_perp>
// + s_p <q_p, S_perp> + <e_p, S_perp>: the last term is at most |e_p| |S_perp|, and on data
// around a common direction |S_perp| stays far below |S|, so the bound is tight. The int8
// product is exact integer arithmetic against S_perp rounded to int16.
class ResidualSketch {
public:
    // `direction` is any non-zero vector of space.sumDim() doubles (its length need not be 1).
    ResidualSketch(const SimilaritySpace& space, const std::vector<std::int64_t>& pool, std::vector<double> direction);

    // Sets the running sum the bounds refer to (O(d)); call after every change of `sum`.
    void prepare(const std::vector<double>& sum);
    // A number <= the space's computed dot(sum, pool[p]) for the prepared sum: every rounding
    // of both computations is covered. Level 2 adds the int8 levels of the level-1 error
    // (about 100 times tighter, twice the reads). Each row's levels are made on first use.
    // It may be called from several threads at once for different rows.
    // `space` and `pool` must outlive the sketch.
    double lowerDot(std::int64_t p, int level = 1) const;
    // Starts reading row p into the cache.
    void prefetch(std::int64_t p) const;
    // Whether row p's levels are made (lowerDot makes them on first use).
    bool built(std::int64_t p) const { return row(p).built; }

private:
    // Each candidate's record: these scalars, then its dim_ int8 levels, in one cache-line
    // aligned block (one page walk and one prefetch stream per candidate).
    struct Row {
        double along; // <phi, m>, also the coefficient c of the split
        double scale; // s
        double errNorm; // an upper bound of |e| (all roundings included)
        double qNorm; // s |q|
        double phiNorm;
        bool built;
    };
    struct Fine {
        double scale;
        double errNorm;
        double qNorm;
    };
    void build(std::int64_t p) const;
    Row& row(std::int64_t p) const { return *reinterpret_cast<Row*>(data_.get() + p * stride_); }
    Fine& fine(std::int64_t p) const { return *reinterpret_cast<Fine*>(fine_.get() + p * stride_); }
    std::int8_t* levels1(std::int64_t p) const
    {
        return reinterpret_cast<std::int8_t*>(data_.get() + p * stride_ + kHeader);
    }
    std::int8_t* levels2(std::int64_t p) const
    {
        return reinterpret_cast<std::int8_t*>(fine_.get() + p * stride_ + kHeader);
    }

    static constexpr std::int64_t kHeader = 64;
    const SimilaritySpace* space_;
    const std::vector<std::int64_t>* pool_;
    std::int64_t dim_;
    std::int64_t stride_;
    std::vector<double> m_;
    double mNorm_ = 0;
    std::unique_ptr<char, void (*)(void*)> data_, fine_;
    double round_; // relative slack for the roundings of d-term sums

    // The prepared sum.
    double sigma_ = 0, mu_ = 0, perpNorm_ = 0, sumNorm_ = 0, quantStep_ = 0, quantErrNorm_ = 0;
    std::vector<double> perp_;
    std::vector<std::int16_t> perpQ_;
};

} // namespace dq
