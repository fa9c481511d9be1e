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
    const double n = static_cast<double>(pool_.size());
    coverage_.resize(pool_.size());
    for (std::size_t k = 0; k < pool_.size(); ++k) {
        if ((k & 4095) == 4095)
            cancel.throwIfCancelled();
        coverage_[k] = n * space.offset() + space.scale() * space.dot(poolSum.data(), pool_[k]);
        maxAbsCoverage_ = std::max(maxAbsCoverage_, std::abs(coverage_[k]));
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
    space_.accumulate(pool_[static_cast<std::size_t>(p)], selectedSum_.data());
    ++selectedCount_;
}

double GraphCutFunction::minGainDecreasePerPick() const
{
    // Each pick lowers every other gain by exactly 2 s(new, x). The margin covers the
    // rounding of gains computed from sums of the size of the coverage term.
    return 2.0 * space_.minSimilarity() - 1e-9 * (1.0 + lambda_ * maxAbsCoverage_);
}

std::string GraphCutFunction::reason() const
{
    return "each pick lowers every gain by 2 s(new, x), and " + space_.similarityBound();
}

} // namespace dq
