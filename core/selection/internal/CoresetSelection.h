#pragma once
#include "features/FeaturesFolder.h"
#include "io/Npy.h"
#include "selection/ScoreTrainings.h"
#include "selection/SelectionParams.h"

#include <filesystem>
#include <vector>

namespace dq {

class Progress;
class CancelToken;

// A features folder read once for any number of selections (dq evaluate --methods).
struct SelectionInputs {
    FeaturesFolder folder;
    NpyArray embedding; // N x D float32: e.npy, embedding.npy or pixels.npy
    NpyArray logits; // N x C float32; empty (no shape) without logits.npy
    std::vector<int> labels; // empty without labels.npy
    std::vector<float> forgetting, aum; // training dynamics; empty without them
    std::string embeddingFile;
    double loadSeconds = 0;
};

// Reads and checks a features folder (dq features) for selection. Throws dq::Error
// naming the folder or file.
SelectionInputs loadSelectionInputs(const std::filesystem::path& features);

// One selection of params.method from loaded inputs (params.features is not read again,
// except by submodular, which builds the engine's similarity space from the folder as
// dq bins does). Per-class budgets: classBudgets(). Classes run in parallel; the result
// does not depend on the thread count. EL2N and GraNd (and CCS over them) are averaged
// with the scores of `otherScoreTrainings`, the features folders of further trainings
// (scoreSeedFolders after the first), each read and checked like the inputs; what was
// averaged goes to `averaged` when given. Throws dq::Error naming the file, dq::FieldError
// naming the parameter (ratio, score, features, ccs-hard-fraction, ...), dq::Cancelled.
SelectionResult selectCoreset(const SelectionInputs& inputs, const SelectionParams& params, Progress& progress,
                              const CancelToken& cancel, const std::vector<std::filesystem::path>& otherScoreTrainings = {},
                              ScoreTrainings* averaged = nullptr);

// Throws dq::FieldError("score-seeds") unless `seeds` trainings can be averaged
// for params' method: at least 1, and more only for el2n and grand (or ccs over them).
// Before the trainings are made (scoreSeedFolders), not after.
void checkScoreSeeds(const SelectionParams& params, int seeds);
// Whether params' method scores samples by EL2N or GraNd (el2n, grand, ccs over them):
// the scores that --score-seeds averages over trainings.
bool averagesScoreTrainings(const SelectionParams& params);

} // namespace dq
