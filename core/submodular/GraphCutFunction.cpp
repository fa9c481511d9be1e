#include "submodular/internal/GraphCutFunction.h"

#include "common/Progress.h"
#include "submodular/internal/ResidualSketch.h"
#include "submodular/SimilaritySpace.h"
#include "submodular/internal/SumCheckpoints.h"

#include <algorithm>
#include <cmath>

namespace dq {

GraphCutFunction::GraphCutFunction(const SimilaritySpace& space, std::vector<std::int64_t> pool, double lambda,
                                   const CancelToken& cancel)
        : space_(space), pool_(std::move(pool)), lambda_(lambda), selectedSum_(static_cast<std::size_t>(space.sumDim()), 0.0)
{
    poolSum_.assign(static_cast<std::size_t>(space.sumDim()), 0.0);
    const std::vector<double>& poolSum = poolSum_;
    for (std::size_t k = 0; k < pool_.size(); ++k) {
        if ((k & 4095) == 4095)
            cancel.throwIfCancelled();
        space.accumulate(pool_[k], poolSum_.data());
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

GraphCutFunction::~GraphCutFunction() = default;

void GraphCutFunction::buildAngleGroups()
{
    group_.assign(pool_.size(), 0);
    const bool within90 = std::all_of(along_.begin(), along_.end(), [](double c) { return c >= 0; });
    const int groups = within90 && !pool_.empty() ? 32 : 1;
    if (groups > 1) {
        // Equal counts by angle: the groups are as narrow as the data allow.
        std::vector<std::pair<double, std::int32_t>> byAngle(pool_.size());
        for (std::size_t k = 0; k < pool_.size(); ++k)
            byAngle[k] = {std::atan2(across_[k], along_[k]), static_cast<std::int32_t>(k)};
        std::sort(byAngle.begin(), byAngle.end());
        for (std::size_t r = 0; r < byAngle.size(); ++r)
            group_[static_cast<std::size_t>(byAngle[r].second)] = static_cast<int>(r * groups / byAngle.size());
    }
    const auto g = static_cast<std::size_t>(groups);
    groupAlongMin_.assign(g, groups > 1 ? 1e300 : 0.0);
    groupAcrossMax_.assign(g, 0.0);
    fallAlongMin_.assign(g, 1e300);
    fallAlongMax_.assign(g, -1e300);
    fallAcrossMax_.assign(g, 0.0);
    double maxNorm = 0;
    for (std::size_t k = 0; k < pool_.size(); ++k) {
        const auto h = static_cast<std::size_t>(group_[k]);
        if (groups > 1) {
            groupAlongMin_[h] = std::min(groupAlongMin_[h], along_[k]);
            groupAcrossMax_[h] = std::max(groupAcrossMax_[h], across_[k]);
        }
        fallAlongMin_[h] = std::min(fallAlongMin_[h], along_[k]);
        fallAlongMax_[h] = std::max(fallAlongMax_[h], along_[k]);
        fallAcrossMax_[h] = std::max(fallAcrossMax_[h], across_[k]);
        maxNorm = std::max(maxNorm, space_.phiNorm(pool_[k]));
    }
    // c and r come from a dot product and sqrt(|phi|^2 - c^2): pad them for their roundings.
    for (std::size_t h = 0; h < g; ++h) {
        fallAlongMin_[h] -= 1e-12 * maxNorm;
        fallAlongMax_[h] += 1e-12 * maxNorm;
        fallAcrossMax_[h] += 1e-6 * maxNorm;
    }
}

double GraphCutFunction::gain(std::int64_t p) const
{
    const auto k = static_cast<std::size_t>(p);
    const double selected =
        static_cast<double>(selectedCount_) * space_.offset() + space_.scale() * space_.dot(selectedSum_.data(), pool_[k]);
    return lambda_ * coverage_[k] - 2.0 * selected;
}

void GraphCutFunction::gains(const std::vector<std::int64_t>& positions, std::vector<double>& out,
                             const CancelToken& cancel) const
{
    if (selectedCount_ > 0) {
        SubmodularFunction::gains(positions, out, cancel);
        return;
    }
    // gain() exactly, with the dot product of a zero sum (+0 for finite rows).
    out.resize(positions.size());
    for (std::size_t k = 0; k < positions.size(); ++k) {
        const double selected = 0.0 * space_.offset() + space_.scale() * 0.0;
        out[k] = lambda_ * coverage_[static_cast<std::size_t>(positions[k])] - 2.0 * selected;
    }
}

void GraphCutFunction::select(std::int64_t p)
{
    const auto k = static_cast<std::size_t>(p);
    space_.accumulate(pool_[k], selectedSum_.data());
    ++selectedCount_;
    if (!sketch_)
        return;
    // The sketch's O(d) preparation runs on this thread while the checkpoints' drifts (one
    // O(d) pass each) are shared out.
    checkpoints_->update(selectedSum_, selectedCount_, threads_, [this] { sketch_->prepare(selectedSum_); });
}

bool GraphCutFunction::enableQuickBounds(ParallelEvaluator* threads)
{
    // The sketch holds about two bytes per feature of the pool (less where rows are never
    // needed); pools whose sketch would pass 1 GiB go without.
    const double bytes = 2.0 * static_cast<double>(pool_.size()) * static_cast<double>(space_.sumDim() + 128);
    if (!sketch_ && bytes <= 1024.0 * 1024 * 1024 &&
        std::any_of(poolSum_.begin(), poolSum_.end(), [](double v) { return v != 0; })) {
        sketch_ = std::make_unique<ResidualSketch>(space_, pool_, poolSum_);
        sketch_->prepare(selectedSum_);
        checkpoints_ = std::make_unique<SumCheckpoints>(poolSum_);
        threads_ = threads;
        quickBoundsUsed_ = true;
    }
    return sketch_ != nullptr;
}

void GraphCutFunction::disableQuickBounds()
{
    sketch_.reset();
    checkpoints_.reset();
    threads_ = nullptr;
}

void GraphCutFunction::prefetchQuick(std::int64_t p) const { sketch_->prefetch(p); }

bool GraphCutFunction::quickBoundReady(std::int64_t p) const { return sketch_->built(p); }

int GraphCutFunction::quickLevels() const { return sketch_ ? 2 : 0; }

double GraphCutFunction::quickUpperBound(std::int64_t p, int level) const
{
    // gain() with a number below its dot product: rounding is monotone, so the result is at
    // least gain() as computed.
    const double selected =
        static_cast<double>(selectedCount_) * space_.offset() + space_.scale() * sketch_->lowerDot(p, level);
    return lambda_ * coverage_[static_cast<std::size_t>(p)] - 2.0 * selected + margin_;
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

int GraphCutFunction::checkpoint() { return checkpoints_ ? checkpoints_->add(selectedSum_, selectedCount_) : -1; }

void GraphCutFunction::releaseCheckpoint(int id)
{
    if (checkpoints_)
        checkpoints_->release(id);
}

// gain then - gain now = 2 (offset steps + scale <R, phi>) up to the roundings of both gains,
// and <R, phi> = sigma c + <R_perp, phi_perp> lies within min/max(c sigma) -/+ rmax |R_perp|.
double GraphCutFunction::fallOf(double sigmaLow, double sigmaHigh, double perpHigh, std::int64_t steps, int group,
                                bool upper) const
{
    const auto g = static_cast<std::size_t>(group);
    const double lo = fallAlongMin_[g], hi = fallAlongMax_[g];
    const double a = lo * sigmaLow, b = lo * sigmaHigh, c = hi * sigmaLow, d = hi * sigmaHigh;
    const double along = upper ? std::max(std::max(a, b), std::max(c, d)) : std::min(std::min(a, b), std::min(c, d));
    const double across = fallAcrossMax_[g] * perpHigh;
    const double dot = upper ? along + across : along - across;
    const double offsets = space_.offset() * static_cast<double>(steps);
    const double slack = 2.0 * margin_ + 1e-12 * (std::abs(along) + across + offsets);
    return 2.0 * (offsets + space_.scale() * dot) + (upper ? slack : -slack);
}

double GraphCutFunction::fallSince(int id, int group) const
{
    const SumCheckpoints::Drift& d = checkpoints_->since(id);
    return fallOf(d.sigmaLow, d.sigmaHigh, d.perpHigh, d.steps, group, false);
}

double GraphCutFunction::fallBetween(int older, int newer, int group, bool upper) const
{
    const SumCheckpoints::Drift d = checkpoints_->between(older, newer);
    return fallOf(d.sigmaLow, d.sigmaHigh, d.perpHigh, d.steps, group, upper);
}

std::string GraphCutFunction::reason() const
{
    return "each pick lowers every gain by 2 s(new, x), and " + space_.similarityBound() +
           (groupAlongMin_.size() > 1 ? "; tighter bounds per angle to the pool's mean direction" : "") +
           (quickBoundsUsed_ ? "; upper bounds from an int8 sketch of the residuals to that direction and from "
                               "Cauchy-Schwarz on sums since checkpoints, every rounding covered"
                             : "");
}

} // namespace dq
