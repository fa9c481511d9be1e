#pragma once
#include "selection/ScoreTrainings.h"
#include "selection/SelectionParams.h"

#include <filesystem>
#include <string>

namespace dq {

// "select_indices_<name>_<method>_<ratio>.npy" (dq sample's name with the method).
std::string selectionFileName(const std::string& name, SelectionMethod method, double ratio);

// select.json's content: method, parameters (with the trainings an EL2N or GraNd score
// was averaged over, when given: score_seeds, score_features), per-class budgets and
// counts, the score summary and timings.
std::string selectionJson(const SelectionResult& result, const SelectionParams& params, const std::string& indicesFile,
                          const ScoreTrainings* trainings = nullptr);

// Writes the indices (int64, ascending) and select.json into `dir` (created), each file
// atomically. Returns the path of the indices file.
std::filesystem::path writeSelection(const std::filesystem::path& dir, const std::string& name,
                                     const SelectionResult& result, const SelectionParams& params,
                                     const ScoreTrainings* trainings = nullptr);

} // namespace dq
