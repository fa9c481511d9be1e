#include "submodular/internal/FacilityLocationFunction.h"

#include <algorithm>

namespace dq {

FacilityLocationFunction::FacilityLocationFunction(const SimilaritySpace& space, const std::vector<std::int64_t>& pool,
                                                   std::int64_t memoryLimitBytes, const CancelToken& cancel)
        : columns_(space, pool, memoryLimitBytes, cancel), best_(pool.size(), 0.0)
{ }

double FacilityLocationFunction::gain(std::int64_t p) const
{
    const float* col = columns_.column(p);
    double g = 0;
    for (std::size_t i = 0; i < best_.size(); ++i)
        g += std::max(0.0, static_cast<double>(col[i]) - best_[i]);
    return g;
}

void FacilityLocationFunction::select(std::int64_t p)
{
    const float* col = columns_.column(p);
    for (std::size_t i = 0; i < best_.size(); ++i)
        best_[i] = std::max(best_[i], static_cast<double>(col[i]));
}

std::string FacilityLocationFunction::reason() const
{
    return std::string("facility location: best similarities only grow; similarity matrix ") +
           (columns_.cached() ? "held in memory" : "computed column by column (over the memory limit)");
}

} // namespace dq
