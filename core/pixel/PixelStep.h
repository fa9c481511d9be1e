#pragma once
// Core-private: the pieces `dq pixel`, `dq restore` and PixelSession share.
#include "features/FeatureExtractor.h"
#include "pixel/PixelQuantizer.h"
#include "pixel/Reconstructor.h"

namespace dq {

// The CAM classifier's parameters: the selection model of the bins stage by default.
FeatureParams camModelParams(const PixelParams& params);

ReconstructorContext reconstructorContext(const Dataset& data, const PixelParams& params, const ImageShape& shape);

// `native` with the patches outside the `keep` highest of `scores` (grid.count() values)
// zeroed, with their ids and the pixel mask.
PartialImage partialImage(const Image& native, const PatchGrid& grid, const float* scores, int keep);

} // namespace dq
