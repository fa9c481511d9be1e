#pragma once
#include "models/internal/FeatureModel.h"

namespace dq {

class RankGroup;

// Data-parallel training across the ranks of a group (every rank holds the same model,
// started from the same seed): after backward, each parameter's gradient becomes the sum
// over the ranks (each rank's loss is its share's sum divided by the whole batch's size,
// so the sum is the whole batch's mean gradient, up to rounding). One all-reduce per step.
void sumGradientsAcrossRanks(FeatureModel& model, RankGroup& group);

// BatchNorm's running statistics, computed by each rank on its share of a batch, become
// their mean over the ranks, so that the ranks keep one model.
void averageRunningStatistics(FeatureModel& model, RankGroup& group);

// Whether the model keeps BatchNorm's running statistics (ResNet-18 does, ConvNet-3 does not).
bool keepsBatchStatistics(FeatureModel& model);

} // namespace dq
