#pragma once
#include "evaluation/EvaluationParams.h"

#include <functional>

namespace dq {

class Progress;
class CancelToken;

// Judges training subsets as the literature does: for every subset and seed, a freshly
// initialised network (seeded; never the selection model's weights) is trained on the
// subset with the recipe and tested on the dataset's test split after every epoch. Every
// subset is checked before any training (indices in range and unique, a reconstructed
// folder matching the dataset, a test split present); bad input throws dq::Error naming the
// file or option. Runs are cached by everything they depend on (dataset fingerprints,
// subset contents, network, recipe, seed) under cacheDir/evaluation/, so re-running only
// trains what is new. Deterministic for the same seeds, data and thread count. Cancel is
// checked between batches. `onEpoch` (may be empty) is called after every epoch.
EvaluationResult evaluateSubsets(const EvaluationParams& params, Progress& progress, const CancelToken& cancel,
                                 const std::function<void(const EpochUpdate&)>& onEpoch = {});

} // namespace dq
