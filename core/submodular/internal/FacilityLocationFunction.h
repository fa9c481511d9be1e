#pragma once
#include "submodular/internal/SimilarityColumns.h"
#include "submodular/SubmodularFunction.h"

namespace dq {

// FacilityLocation: gain(x) = sum_{i in pool} max(0, s(i, x) - best_i), best_i the
// largest similarity of i to the selection (0 while it is empty). Gains never increase.
class FacilityLocationFunction : public SubmodularFunction {
public:
    FacilityLocationFunction(const SimilaritySpace& space, const std::vector<std::int64_t>& pool,
                             std::int64_t memoryLimitBytes, const CancelToken& cancel);

    std::int64_t size() const override { return columns_.size(); }
    double gain(std::int64_t p) const override;
    void select(std::int64_t p) override;
    std::string reason() const override;

private:
    SimilarityColumns columns_;
    std::vector<double> best_;
};

} // namespace dq
