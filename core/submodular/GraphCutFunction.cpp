#include "submodular/GraphCutFunction.h"

#include "common/Progress.h"
#include "submodular/SimilaritySpace.h"

#include <algorithm>
#include <cmath>

namespace dq {

GraphCutFunction::GraphCutFunction(const SimilaritySpace& space, std::vector<std::int64_t> pool,
                                   double lambda, const CancelToken& cancel)
    : space_(space), pool_(std::move(pool)), lambda_(lambda),
      selectedSum_(static_cast<std::size_t>(space.sumDim()), 0.0)
{
    std::vector<double> poolSum(static_cast<std::size_t>(space.sumDim()), 0.0);
    for (std::size_t k = 0; k < pool_.size(); ++k) {
        if ((k & 4095) == 4095)
            cancel.throwIfCancelled();
        space.accumulate(pool_[k], poolSum.data());
    }
    double sumNorm = 0;
    for (const double v : poolSum)
        sumNorm += v * v;
    sumNorm = std::sqrt(sumNorm);

    const double n = static_cast<double>(pool_.size());
    coverage_.resize(pool_.size());
    along_.assign(pool_.size(), 0.0);
    across_.assign(pool_.size(), 0.0);
    for (std::size_t k = 0; k < pool_.size(); ++k) {
        if ((k & 4095) == 4095)
            cancel.throwIfCancelled();
        const double toSum = space.dot(poolSum.data(), pool_[k]);
        coverage_[k] = n * space.offset() + space.scale() * toSum;
        maxAbsCoverage_ = std::max(maxAbsCoverage_, std::abs(coverage_[k]));
        if (sumNorm > 0) {
            const double norm = space.phiNorm(pool_[k]);
            along_[k] = std::min(norm, toSum / sumNorm);
            across_[k] = std::sqrt(std::max(0.0, norm * norm - along_[k] * along_[k]));
        }
    }
    margin_ = 1e-9 * (1.0 + lambda_ * maxAbsCoverage_);
    buildAngleGroups();
}

void GraphCutFunction::buildAngleGroups()
{
    group_.assign(pool_.size(), 0);
    const bool within90 = std::all_of(along_.begin(), along_.end(), [](double c) { return c >= 0; });
    if (!within90 || pool_.empty()) {
        groupAlongMin_.assign(1, 0.0);
        groupAcrossMax_.assign(1, 0.0);
        return;
    }
    constexpr int kGroups = 32;
    const double halfPi = std::acos(0.0);
    groupAlongMin_.assign(kGroups, 1e300);
    groupAcrossMax_.assign(kGroups, 0.0);
    for (std::size_t k = 0; k < pool_.size(); ++k) {
        const double angle = std::atan2(across_[k], along_[k]);
        const int g = std::min(kGroups - 1, static_cast<int>(angle / halfPi * kGroups));
        group_[k] = g;
        groupAlongMin_[static_cast<std::size_t>(g)] = std::min(groupAlongMin_[static_cast<std::size_t>(g)], along_[k]);
        groupAcrossMax_[static_cast<std::size_t>(g)] = std::max(groupAcrossMax_[static_cast<std::size_t>(g)], across_[k]);
    }
}

double GraphCutFunction::gain(std::int64_t p) const
{
    const auto k = static_cast<std::size_t>(p);
    const double selected = static_cast<double>(selectedCount_) * space_.offset() +
                            space_.scale() * space_.dot(selectedSum_.data(), pool_[k]);
    return lambda_ * coverage_[k] - 2.0 * selected;
}

void GraphCutFunction::select(std::int64_t p)
{
    const auto k = static_cast<std::size_t>(p);
    space_.accumulate(pool_[k], selectedSum_.data());
    ++selectedCount_;
}

double GraphCutFunction::minGainDecreasePerPick() const
{
    // Each pick lowers every other gain by exactly 2 s(new, x). The margin covers the
    // rounding of gains computed from sums of the size of the coverage term.
    return 2.0 * space_.minSimilarity() - margin_;
}

double GraphCutFunction::groupDecrease(int group, std::int64_t picked) const
{
    const double global = minGainDecreasePerPick();
    if (groupAlongMin_.size() == 1)
        return global;
    const auto j = static_cast<std::size_t>(picked);
    const auto g = static_cast<std::size_t>(group);
    const double dot = along_[j] * groupAlongMin_[g] - across_[j] * groupAcrossMax_[g];
    return std::max(global, 2.0 * (space_.offset() + space_.scale() * dot) - margin_);
}

std::string GraphCutFunction::reason() const
{
    return "each pick lowers every gain by 2 s(new, x), and " + space_.similarityBound() +
           (groupAlongMin_.size() > 1 ? "; tighter bounds per angle to the pool's mean direction" : "");
}

} // namespace dq
