#pragma once
#include "stages/BinsStage.h"

#include <filesystem>

namespace dq {

struct FeaturesFolder;

// The Bins stage's input from a features folder (dq features, DQ Studio's Features stage):
// the gradient factors b, e or the dense features, with the folder's labels unless
// `labels` replaces them. Beside FeaturesFolder (torch-free, in the engine), not in the
// stage layer, which calls no features code.
BinsSource binsSourceFromFolder(const FeaturesFolder& folder, const std::filesystem::path& labels = {});

} // namespace dq
