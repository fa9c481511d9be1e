#include "submodular/Greedy.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "submodular/SubmodularFunction.h"

namespace dq {

const char* greedyName(GreedyKind k)
{
    switch (k) {
    case GreedyKind::Naive:
        return "naive";
    case GreedyKind::Lazy:
        return "lazy";
    case GreedyKind::Stochastic:
        return "stochastic";
    case GreedyKind::ApproximateLazy:
        return "approx-lazy";
    }
    return "?";
}

GreedyKind parseGreedy(const std::string& name)
{
    if (name == "naive")
        return GreedyKind::Naive;
    if (name == "lazy")
        return GreedyKind::Lazy;
    if (name == "stochastic")
        return GreedyKind::Stochastic;
    if (name == "approx-lazy")
        return GreedyKind::ApproximateLazy;
    throw FieldError("greedy", "unknown greedy '" + name + "' (expected naive, lazy, stochastic or approx-lazy)");
}

GreedyResult runGreedy(SubmodularFunction& f, std::int64_t budget, const GreedyOptions& o, const CancelToken& cancel,
                       const PickCallback& onPick)
{
    if (budget < 0 || budget > f.size())
        throw Error("budget", "cannot pick " + std::to_string(budget) + " of " + std::to_string(f.size()));
    switch (o.kind) {
    case GreedyKind::Naive:
        return naiveGreedy(f, budget, cancel, onPick);
    case GreedyKind::Lazy:
        return lazyGreedy(f, budget, cancel, onPick, o.threads);
    case GreedyKind::Stochastic:
        return stochasticGreedy(f, budget, o.epsilon, o.seed, cancel, onPick);
    case GreedyKind::ApproximateLazy:
        return approximateLazyGreedy(f, budget, o.beta, cancel, onPick);
    }
    return {};
}

} // namespace dq
