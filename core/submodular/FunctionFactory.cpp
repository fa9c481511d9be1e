#include "submodular/internal/FunctionFactory.h"

#include "common/Error.h"
#include "submodular/internal/FacilityLocationFunction.h"
#include "submodular/internal/GraphCutFunction.h"
#include "submodular/internal/LogDeterminantFunction.h"

#include <string>

namespace dq {

std::unique_ptr<SubmodularFunction> makeSubmodularFunction(FunctionKind kind, const SimilaritySpace& space,
                                                           const std::vector<std::int64_t>& pool, std::int64_t budget,
                                                           double lambda, std::int64_t memoryLimitBytes,
                                                           const CancelToken& cancel)
{
    switch (kind) {
    case FunctionKind::GraphCut:
        return std::make_unique<GraphCutFunction>(space, pool, lambda, cancel);
    case FunctionKind::FacilityLocation:
        return std::make_unique<FacilityLocationFunction>(space, pool, memoryLimitBytes, cancel);
    case FunctionKind::LogDeterminant: {
        const auto n = static_cast<std::int64_t>(pool.size());
        const std::int64_t need = LogDeterminantFunction::factorBytes(n, budget);
        if (need > memoryLimitBytes)
            throw Error("memory limit", "log-det on a pool of " + std::to_string(n) + " samples with a budget of " +
                                            std::to_string(budget) + " needs " + std::to_string(need >> 20) +
                                            " MiB for its Cholesky rows, over the limit of " +
                                            std::to_string(memoryLimitBytes >> 20) +
                                            " MiB; raise the memory limit or use the graphcut function");
        return std::make_unique<LogDeterminantFunction>(space, pool, budget, memoryLimitBytes, cancel);
    }
    }
    return nullptr;
}

} // namespace dq
