#pragma once
#include "models/internal/ImageClassifier.h"

#include <filesystem>
#include <string>

namespace dq {

// Loads a PyTorch state_dict file (torch.save of model.state_dict(), e.g. torchvision's
// resnet18-f37072fd.pth) into a built-in network, strictly: every missing, unexpected or
// mis-shaped key is an error naming it. A head for another number of classes (ImageNet's
// 1000 on a 10-class dataset) is not loaded: the network keeps its fresh seeded head, as
// the reference does. Returns a note saying so, or an empty string.
std::string loadPretrainedWeights(ImageClassifier& net, const std::filesystem::path& file);

} // namespace dq
