#pragma once
// Core-private: the pieces `dq pixel`, `dq restore` and PixelSession share.
#include "features/FeatureExtractor.h"
#include "pixel/PixelQuantizer.h"
#include "pixel/internal/QuantizedStorage.h"
#include "pixel/internal/Reconstructor.h"

namespace dq {

class JobContext;

// The CAM classifier's parameters: the selection model of the bins stage by default.
FeatureParams camModelParams(const PixelParams& params);

ReconstructorContext reconstructorContext(const Dataset& data, const PixelParams& params, const ImageShape& shape);

// The header of the quantized/ folder of `data` at `maskRatio` (`keep` patches per image),
// reconstructed by `recon` (ReconstructionSpec text) with `checkpoint` (made absolute, so
// that dq restore finds it from any working folder; empty for inpainting).
QuantizedHeader quantizedHeader(const Dataset& data, const PixelParams& params, const ImageShape& shape,
                                const PatchGrid& grid, double maskRatio, int keep, const std::string& recon,
                                const std::filesystem::path& checkpoint);

// `native` with the patches outside the `keep` highest of `scores` (grid.count() values)
// zeroed, with their ids and the pixel mask.
PartialImage partialImage(const Image& native, const PatchGrid& grid, const float* scores, int keep);

} // namespace dq
