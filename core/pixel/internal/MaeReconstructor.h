#pragma once
// Core-private: reconstruction with a masked autoencoder (the reference's ViT-L or the
// compact one trained here).
#include "pixel/internal/Reconstructor.h"

namespace dq {

// Loads (mae:FILE, mae-compact:FILE) or trains-or-restores (mae-compact, needs
// context.data) the MAE of `spec`.
std::unique_ptr<Reconstructor> makeMaeReconstructor(const ReconstructionSpec& spec, const ReconstructorContext& context,
                                                    JobContext& job);

} // namespace dq
