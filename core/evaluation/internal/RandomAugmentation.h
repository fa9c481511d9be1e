#pragma once
// Core-private: the evaluation's data augmentation on normalised CPU batches.
#include <torch/types.h>

#include <cstdint>
#include <vector>

namespace dq {

class SeededRandom;

// torchvision's RandomCrop(size, padding=pad) then RandomHorizontalFlip(), on a batch
// N x C x H x W that is already normalised: the padding is the normalised value of a black
// pixel per channel (`fill`), as padding the raw image would give. For every sample, in
// batch order, `rng` draws the crop's row and column offsets in [0, 2 pad] (when crop) and
// then the flip (when flip), so a seed fixes the whole epoch's augmentation.
torch::Tensor augmentBatch(const torch::Tensor& batch, const std::vector<float>& fill, int pad, bool crop, bool flip,
                           SeededRandom& rng);

// Draws from `rng` what augmentBatch would for `n` samples, without images: a rank that
// trains a share of a batch skips the draws of the samples before and after its share, so
// its images get the augmentation they get in one process.
void skipAugmentation(std::int64_t n, int pad, bool crop, bool flip, SeededRandom& rng);

// The crop padding of the recipe: 2 pixels for images under 32 x 32 (28 x 28 digits and
// clothes), else 4 (CIFAR's 32 x 32).
int cropPadding(int height, int width);

} // namespace dq
