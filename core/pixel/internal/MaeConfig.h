#pragma once
#include "pixel/PatchGrid.h"

#include <string>
#include <vector>

namespace dq {

// The shape of a masked autoencoder (He et al. 2022, facebookresearch/mae models_mae.py):
// a ViT encoder over the kept patches and a lighter decoder predicting every patch.
// Images are square, imageSize x imageSize with `channels` channels.
struct MaeConfig {
    std::string name; // "base", "large", "huge", "compact", or "custom" (a checkpoint's own)
    int imageSize = 0, patchSize = 0, channels = 0;
    int embedDim = 0, depth = 0, heads = 0;
    int decoderEmbedDim = 0, decoderDepth = 0, decoderHeads = 0;
    double mlpRatio = 4;
    bool normPixLoss = false; // the official option: regress per-patch normalised pixels
    // The input normalisation the model was trained with ((pixel / 255 - mean) / std per
    // channel), so that predictions can be turned back into pixels. Empty: not recorded,
    // as in the official checkpoints (trained with ImageNet's); the ones trainMae writes
    // always record it (mean 0, std 1 for plain pixel / 255).
    std::vector<float> mean, std;

    PatchGrid grid() const { return {imageSize / patchSize, imageSize / patchSize, patchSize}; }
    int patchCount() const { return grid().count(); }
    bool sameArchitecture(const MaeConfig& o) const;
    // "compact, 28x28x1, patch 4, encoder 128/4/4, decoder 96/2/4", for messages.
    std::string describe() const;
};

// The named configurations: "base" (ViT-B/16: 768 wide, 12 blocks, 12 heads), "large"
// (ViT-L/16: 1024/24/16), "huge" (ViT-H/14: 1280/32/16), each with the official 512-wide,
// 8-block, 16-head decoder at 224 x 224 x 3, and "compact", a small MAE that trains on a
// CPU in minutes (patch 4; 28 x 28 x 1 unless given). imageSize and channels of 0 keep the
// configuration's own. Throws dq::UsageError for an unknown name (listing the known ones)
// or an image size that is not a positive multiple of the patch size (resizing or padding
// is the caller's choice).
MaeConfig maeConfig(const std::string& name, int imageSize = 0, int channels = 0);

std::vector<std::string> maeConfigNames();

} // namespace dq
