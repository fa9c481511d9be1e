#pragma once
// Core-private: what class-activation maps need from a classifier.
#include <torch/types.h>

#include <memory>

namespace dq {

class FeatureModel;

// A classifier split at its last convolutional block, so that a CAM can take gradients
// of the logits with respect to that block's output.
class CamNetwork {
public:
    virtual ~CamNetwork() = default;
    // N x K x h x w: the last convolutional block's output for normalised images.
    virtual torch::Tensor featureMap(const torch::Tensor& images) = 0;
    // N x C logits (float) from such a feature map.
    virtual torch::Tensor logitsFromFeatureMap(const torch::Tensor& featureMap) = 0;
};

// The CAM view of a built-in network (BuiltinModel) or of a TorchScript module with
// feature_map(x) and classify_feature_map(f). Puts the model in eval mode (CAMs need
// rows that do not depend on each other, so batch statistics must not be used); the
// model must outlive the result. Throws dq::Error naming the file and the missing method
// for a TorchScript module without them.
std::unique_ptr<CamNetwork> camNetwork(FeatureModel& model);

} // namespace dq
