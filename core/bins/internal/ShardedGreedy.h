#pragma once
#include "submodular/Greedy.h"

namespace dq {

class RankGroup;

// The exact greedy of one pool with its candidates shared out over the ranks of `group`:
// every rank holds the whole function f (the same state, updated by every pick), keeps
// lazy upper bounds for its contiguous share of the positions, finds its best fresh gain,
// and the ranks agree on the largest each step (ties to the lowest position, as numpy's
// argmax). The picks are the naive greedy's, bit for bit: every gain is computed by
// f.gain() from the same state. One all-reduce of 2 doubles per rank per pick.
// `evaluations` counts this rank's gain evaluations only.
GreedyResult shardedExactGreedy(SubmodularFunction& f, std::int64_t budget, RankGroup& group, const CancelToken& cancel,
                                const PickCallback& onPick = {});

} // namespace dq
