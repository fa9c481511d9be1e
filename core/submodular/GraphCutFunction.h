#pragma once
#include "submodular/SubmodularFunction.h"

#include <vector>

namespace dq {

class SimilaritySpace;
class CancelToken;

// GraphCut in the DeepCore form used by DQ:
//   gain(x) = lambda * sum_{i in pool} s(i, x) - 2 * sum_{j in S} s(j, x).
// With s = offset + scale <phi_i, phi_x> both sums are inner products with running sums
// of phi, so the initial gains cost O(n d) and each re-evaluation O(d).
class GraphCutFunction : public SubmodularFunction {
public:
    GraphCutFunction(const SimilaritySpace& space, std::vector<std::int64_t> pool, double lambda,
                     const CancelToken& cancel);

    std::int64_t size() const override { return static_cast<std::int64_t>(pool_.size()); }
    double gain(std::int64_t p) const override;
    void select(std::int64_t p) override;
    double minGainDecreasePerPick() const override;
    std::string reason() const override;

private:
    const SimilaritySpace& space_;
    std::vector<std::int64_t> pool_;
    double lambda_;
    std::vector<double> coverage_; // sum_{i in pool} s(i, x), per position
    std::vector<double> selectedSum_;
    std::int64_t selectedCount_ = 0;
    double maxAbsCoverage_ = 0;
};

} // namespace dq
