#pragma once
// Core-private: class-activation maps (GradCAM, GradCAM++) of whole batches, and the
// per-patch scores pixel quantization keeps patches by.
#include "pixel/internal/CamMethod.h"
#include "pixel/PatchGrid.h"

#include <torch/types.h>

#include <cstdint>
#include <vector>

namespace dq {

class CamNetwork;

struct CamBatch {
    torch::Tensor maps; // N x h x w float at the feature map's size: relu'd, each scaled to [0, 1]
    torch::Tensor targets; // N int64: the class each map explains
    torch::Tensor predicted; // N int64: the arg-max of the logits
};

// The CAMs of a batch of normalised images (on the network's device), as
// pytorch-grad-cam computes them one image at a time, in one forward and one backward:
// the gradient of each row's target logit with respect to the last convolutional block
// A (rows are independent in eval mode, so one backward of their sum gives every row's).
//   GradCAM:   w_k = mean_ab dy/dA_kab
//   GradCAM++: a_kab = g^2 / (2 g^2 + sum_ab A_kab * g^3 + 1e-6) (0 where g == 0),
//              w_k = sum_ab relu(g) a_kab
//   map = relu(sum_k w_k A_k), then (map - min) / (max - min + 1e-7) (scale_cam_image).
// `labels` undefined: each image's target is its predicted class (the reference's
// choice); else N class indices. No gradient is left on the parameters. Throws dq::Error
// for CamMethod::Random (it has no map: randomPatchScores) and for labels out of range.
CamBatch computeCams(CamNetwork& net, const torch::Tensor& images, CamMethod method,
                     const torch::Tensor& labels = torch::Tensor());

// pytorch-grad-cam's scale_cam_image on N x h x w maps: each (m - min) / (max + 1e-7)
// after the shift, so a constant map becomes 0.
torch::Tensor scaleCams(const torch::Tensor& maps);

// N x height x width in [0, 1]: the maps resized bilinearly to the image (half-pixel
// centres, as cv2.resize) and scaled again, pytorch-grad-cam's final output; for
// heatmap overlays (Heatmap.h).
torch::Tensor camImages(const torch::Tensor& maps, int imageHeight, int imageWidth);

// N x grid.count() float on the CPU: camImages at the image size, resized to the working
// size (bilinear when growing, area when shrinking) and averaged over each patch
// (row-major patch ids, as PatchGrid).
torch::Tensor patchScores(const torch::Tensor& maps, int imageHeight, int imageWidth, const PatchGrid& grid);

// N x patches float in [0, 1) on the CPU: uniform scores for CamMethod::Random, drawn
// from dq::SeededRandom(seed, stream of the sample index), so a sample's scores do not
// depend on the batch it comes in.
torch::Tensor randomPatchScores(const std::vector<std::int64_t>& sampleIndices, int patches, std::uint64_t seed);

} // namespace dq
