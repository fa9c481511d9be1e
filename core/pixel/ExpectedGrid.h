#pragma once
#include "datasets/Dataset.h"
#include "pixel/PatchGrid.h"
#include "pixel/ReconstructionSpec.h"

#include <optional>
#include <string>

namespace dq {

// The square an MAE of the named configuration (maeConfig) trains on for images of
// `native` shape: the nearest multiple of its patch to the longer side, at least one patch.
int maeWorkingSize(const ImageShape& native, int patchSize);

// The patch grid a reconstruction works on, known before its model is built (DQ Studio
// shows patch counts while the parameters change): inpainting's native grid and the
// compact MAE's working square. A checkpoint file (mae:FILE, mae-compact:FILE) holds its
// own patch size and image size, known only once it is read: nullopt.
std::optional<PatchGrid> expectedPatchGrid(const ImageShape& native, const ReconstructionSpec& spec);

} // namespace dq
