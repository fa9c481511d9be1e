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
    bool concurrentGains() const override { return true; }
    double minGainDecreasePerPick() const override;
    int groupCount() const override { return static_cast<int>(groupAlongMin_.size()); }
    int groupOf(std::int64_t p) const override { return group_[static_cast<std::size_t>(p)]; }
    double groupDecrease(int group, std::int64_t picked) const override;
    std::string reason() const override;

private:
    const SimilaritySpace& space_;
    std::vector<std::int64_t> pool_;
    double lambda_;
    std::vector<double> coverage_; // sum_{i in pool} s(i, x), per position
    std::vector<double> selectedSum_;
    std::int64_t selectedCount_ = 0;
    double maxAbsCoverage_ = 0;

    // Groups by angle to the pool's mean direction m. With c = |phi| cos(phi, m) and
    // r = |phi| sin(phi, m), the triangle inequality on the sphere gives
    // <phi_j, phi_x> >= c_j c_x - r_j r_x whenever every angle is <= 90 degrees, so a pick
    // j lowers every gain of a group by at least 2 (offset + scale (c_j cmin - r_j rmax)).
    void buildAngleGroups();
    std::vector<double> along_, across_; // c and r per position
    std::vector<int> group_;
    std::vector<double> groupAlongMin_, groupAcrossMax_;
    double margin_ = 0;
};

} // namespace dq
