#pragma once
// No LibTorch here: dq and DQ Studio include this header.
#include "selection/ScoreTrainings.h"
#include "selection/SelectionParams.h"
#include "stages/torch/FeaturesStage.h"

#include <filesystem>
#include <string>

namespace dq {

class JobContext;

struct SelectionStageParams {
    // The method and its choices; `selection.features` is the features folder to select
    // from, or empty to compute (or read from the cache) those of `dataset` first.
    SelectionParams selection;
    // With an empty selection.features: the Features stage's parameters (dataset and
    // model). Its network's device and cache folder also serve the score trainings.
    FeaturesParams dataset;
    // EL2N and GraNd (and CCS over them): the scores averaged over this many selection
    // trainings, seeds S .. S + scoreSeeds - 1 (scoreSeedFolders).
    int scoreSeeds = 1;
};

struct SelectionStageResult {
    SelectionResult selection;
    ScoreTrainings trainings; // what the scores were averaged over (empty without scores)
    std::filesystem::path features; // the features folder selected from
    std::string datasetName; // the features' dataset (or the folder's name): output file names
    bool featuresFromCache = false; // computed features read from the cache
};

// The Selection stage of dq select: checks the parameters before any training, the
// features (runFeatures when not given), the further score trainings, then
// selectCoreset. Notes (the features' and the trainings') go to the context; errors
// about a parameter are dq::FieldError (method, ratio, score, score-seeds, features,
// ccs-hard-fraction, ccs-strata, budget-bins, balance, and the features' ids).
SelectionStageResult runSelection(const SelectionStageParams& params, JobContext& context);

} // namespace dq
