#pragma once
#include "submodular/SubmodularFunction.h"

#include <memory>
#include <vector>

namespace dq {

class SimilaritySpace;
class CancelToken;
class ResidualSketch;
class SumCheckpoints;

// GraphCut in the DeepCore form used by DQ:
//   gain(x) = lambda * sum_{i in pool} s(i, x) - 2 * sum_{j in S} s(j, x).
// With s = offset + scale <phi_i, phi_x> both sums are inner products with running sums
// of phi, so the initial gains cost O(n d) and each re-evaluation O(d).
class GraphCutFunction : public SubmodularFunction {
public:
    GraphCutFunction(const SimilaritySpace& space, std::vector<std::int64_t> pool, double lambda, const CancelToken& cancel);
    ~GraphCutFunction() override;

    std::int64_t size() const override { return static_cast<std::int64_t>(pool_.size()); }
    double gain(std::int64_t p) const override;
    // Before the first pick the dot products with the (zero) running sum are 0: no O(d) work.
    void gains(const std::vector<std::int64_t>& positions, std::vector<double>& out,
               const CancelToken& cancel) const override;
    void select(std::int64_t p) override;
    bool concurrentGains() const override { return true; }
    double minGainDecreasePerPick() const override;
    int groupCount() const override { return static_cast<int>(groupAlongMin_.size()); }
    int groupOf(std::int64_t p) const override { return group_[static_cast<std::size_t>(p)]; }
    double groupDecrease(int group, std::int64_t picked) const override;
    std::string reason() const override;
    // Upper bounds from a ResidualSketch along the pool's mean direction.
    bool enableQuickBounds(ParallelEvaluator* threads) override;
    void disableQuickBounds() override;
    int quickLevels() const override;
    double quickUpperBound(std::int64_t p, int level) const override;
    void prefetchQuick(std::int64_t p) const override;
    bool quickBoundReady(std::int64_t p) const override;
    // Checkpoints bound a group's fall by Cauchy-Schwarz on the sum of the picks' residuals
    // since (SumCheckpoints), not pick by pick.
    int checkpoint() override;
    void releaseCheckpoint(int id) override;
    double fallSince(int id, int group) const override;
    double fallBetween(int older, int newer, int group, bool upper) const override;

private:
    const SimilaritySpace& space_;
    std::vector<std::int64_t> pool_;
    double lambda_;
    std::vector<double> coverage_; // sum_{i in pool} s(i, x), per position
    std::vector<double> selectedSum_;
    std::int64_t selectedCount_ = 0;
    double maxAbsCoverage_ = 0;
    std::vector<double> poolSum_;
    std::unique_ptr<ResidualSketch> sketch_;
    std::unique_ptr<SumCheckpoints> checkpoints_;
    ParallelEvaluator* threads_ = nullptr; // shares the upkeep of both in select()
    bool quickBoundsUsed_ = false; // for reason(), after disableQuickBounds()

    // Groups by angle to the pool's mean direction m (equal counts over the pool's range of
    // angles). With c = |phi| cos(phi, m) and r = |phi| sin(phi, m), Cauchy-Schwarz on the
    // parts across m gives <phi_j, phi_x> >= c_j c_x - r_j r_x, so where every angle is
    // <= 90 degrees a pick j lowers every gain of a group by at least
    // 2 (offset + scale (c_j cmin - r_j rmax)).
    void buildAngleGroups();
    double fallOf(double sigmaLow, double sigmaHigh, double perpHigh, std::int64_t steps, int group, bool upper) const;
    std::vector<double> along_, across_; // c and r per position
    std::vector<int> group_;
    std::vector<double> groupAlongMin_, groupAcrossMax_;
    // The same per group, padded for rounding and valid at any angle (for fallSince).
    std::vector<double> fallAlongMin_, fallAlongMax_, fallAcrossMax_;
    double margin_ = 0;
};

} // namespace dq
