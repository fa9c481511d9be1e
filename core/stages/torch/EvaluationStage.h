#pragma once
#include "evaluation/EvaluationParams.h"

#include <functional>

namespace dq {

class JobContext;

// The Evaluation stage of dq evaluate and DQ Studio's Evaluate and Compare stages. Judges
// training subsets as the literature does: for every subset and seed, a freshly
// initialised network (seeded; never the selection model's weights) is trained on the
// subset with the recipe and tested on the dataset's test split after every epoch. Every
// subset is checked before any training (indices in range and unique, a reconstructed
// folder matching the dataset, a test split present); a bad parameter throws
// dq::FieldError with its id ("epochs", "ratios", "score-seeds"), bad input dq::Error
// naming the file. Runs are cached by everything they depend on (dataset fingerprints,
// subset contents, network, recipe, seed) under cacheDir/evaluation/ (RunCache), so
// re-running, from dq or DQ Studio, only trains what is new. Deterministic for the same
// seeds, data and thread count. Cancel is checked between batches. Notes go to the
// context with codes "evaluation.<what>" (device-fallback, images-resized, model) and
// their texts to result.notes (evaluation.json's "notes"). `onEpoch` (may be empty) is
// called after every epoch.
EvaluationResult runEvaluation(const EvaluationParams& params, JobContext& context,
                               const std::function<void(const EpochUpdate&)>& onEpoch = {});

} // namespace dq
