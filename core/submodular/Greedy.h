#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace dq {

class SubmodularFunction;
class CancelToken;

enum class GreedyKind {
    Naive, // evaluate every candidate at every step
    Lazy, // stale upper bounds in a priority queue (exact when gains never increase)
    Stochastic, // a random subset of size max(1, round(-ln(epsilon) n / budget)) per step
    ApproximateLazy // accept the top candidate when its fresh gain >= beta * its stale bound
};

const char* greedyName(GreedyKind k);
GreedyKind parseGreedy(const std::string& name); // throws UsageError naming --greedy

struct GreedyOptions {
    GreedyKind kind = GreedyKind::Lazy;
    double epsilon = 0.01; // stochastic; the reference's default is 0.9 (see README)
    double beta = 0.9; // approximate lazy
    std::uint64_t seed = 0; // stochastic
    int threads = 1; // lazy: refresh stale candidates of a large pool in parallel
};

struct GreedyResult {
    std::vector<std::int64_t> picks; // positions in the order they were chosen
    std::vector<double> gains; // the marginal gain of each pick
    std::int64_t evaluations = 0; // gain evaluations, for the manifest
    std::int64_t quickBounds = 0; // lazy greedy: the function's quick upper bounds computed
};

// Called after every pick with the number picked so far.
using PickCallback = std::function<void(std::int64_t picked)>;

// Chooses `budget` positions of f greedily; ties go to the lowest position (as numpy's
// argmax). Throws dq::Cancelled between evaluations when `cancel` is set.
GreedyResult runGreedy(SubmodularFunction& f, std::int64_t budget, const GreedyOptions& options, const CancelToken& cancel,
                       const PickCallback& onPick = {});

// The single algorithms, for tests and benchmarks.
GreedyResult naiveGreedy(SubmodularFunction& f, std::int64_t budget, const CancelToken& cancel, const PickCallback& onPick);
GreedyResult lazyGreedy(SubmodularFunction& f, std::int64_t budget, const CancelToken& cancel, const PickCallback& onPick,
                        int threads = 1);
GreedyResult stochasticGreedy(SubmodularFunction& f, std::int64_t budget, double epsilon, std::uint64_t seed,
                              const CancelToken& cancel, const PickCallback& onPick);
GreedyResult approximateLazyGreedy(SubmodularFunction& f, std::int64_t budget, double beta, const CancelToken& cancel,
                                   const PickCallback& onPick);

} // namespace dq
