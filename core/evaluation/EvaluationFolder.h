#pragma once
#include "evaluation/EvaluationParams.h"

#include <filesystem>
#include <string>

namespace dq {

// The file that marks an evaluation folder.
inline constexpr const char* kEvaluationManifest = "evaluation.json";

// evaluation.json ("format": "dq-evaluation", version 1): dataset, recipe, seeds, score_seeds, device,
// and per subset its name, kind, source, images, class counts, every run's per-epoch train
// loss, test loss and test accuracy (fractions), the final and best accuracies' mean and
// standard deviation over the seeds (best: chosen on the test set), and seconds.
std::string evaluationJson(const EvaluationResult& result);
// curves.csv: subset,seed,epoch,train_loss,test_loss,test_acc, one row per epoch of every run.
std::string curvesCsv(const EvaluationResult& result);

// Writes DIR/evaluation.json and DIR/curves.csv; the folder appears complete or not at
// all. Refuses a non-empty folder that is no evaluation folder (call refuseForeignFolder
// with kEvaluationManifest before the work to fail early).
void writeEvaluationFolder(const std::filesystem::path& dir, const EvaluationResult& result);

// Reads evaluation.json back (as written above). Throws dq::Error naming the file.
EvaluationResult readEvaluationJson(const std::filesystem::path& file);

} // namespace dq
