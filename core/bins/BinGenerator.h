#pragma once
#include "common/Note.h"
#include "submodular/Greedy.h"
#include "submodular/SubmodularFunction.h"

#include <cstdint>
#include <string>
#include <vector>

namespace dq {

class SimilaritySpace;
class Progress;
class CancelToken;
class RankGroup;

struct BinParams {
    int bins = 10;
    FunctionKind function = FunctionKind::GraphCut;
    GreedyOptions greedy; // lazy by default
    double lambda = 1.0; // GraphCut coverage weight
    bool balance = true; // per-class budgets (images); false: one pool (instructions)
    std::int64_t memoryLimitBytes = 4LL << 30;
    int threads = 0; // classes selected in parallel; 0: workerThreads()
    // Processes sharing the work (dq bins under torchrun, srun, mpirun); null: this one.
    // The bins are the same as one process's: classes are shared out whole, and the one
    // pool of the unbalanced form is selected by the sharded exact greedy (ShardedGreedy.h).
    RankGroup* group = nullptr;
};

struct BinStats {
    std::int64_t count = 0;
    std::vector<std::int64_t> classCounts; // empty without labels
    double objective = 0; // sum of the greedy's marginal gains (0 for the remainder bin)
    double seconds = 0;
    std::int64_t evaluations = 0;
    std::int64_t quickBounds = 0; // lazy greedy's cheap bounds (ResidualSketch), beside the evaluations
    bool greedy = true; // false for the balanced form's last bin (the remainder)
};

struct BinResult {
    std::vector<std::vector<std::int64_t>> bins; // indices into the input, class order then ascending
    std::vector<BinStats> stats;
    std::vector<std::int64_t> unassigned; // unbalanced form: the N mod K samples left over
    std::string greedyUsed; // "naive" when lazy had to fall back
    bool exact = true; // equals the naive greedy's result
    std::string exactness; // why
    std::vector<Note> warnings;
    double seconds = 0;
    int threads = 1; // CPU threads the selection used
};

// Dataset quantization's bin generation (dq-reference.md section 5). `labels` may be
// empty only when params.balance is false. Throws dq::Error / UsageError on bad input
// and dq::Cancelled when cancelled.
BinResult generateBins(const SimilaritySpace& space, const std::vector<int>& labels, const BinParams& params,
                       Progress& progress, const CancelToken& cancel);

} // namespace dq
