#pragma once
#include <string>
#include <vector>

namespace dq {

// What a network is fed: every image becomes channels x height x width floats,
// (pixel / 255 - mean[c]) / std[c]. Empty mean/std: pixel / 255 unchanged.
struct ModelInput {
    int channels = 1;
    int height = 28;
    int width = 28;
    std::vector<float> mean, std;
    std::string normalization = "none"; // "fashion-mnist", "mnist", "cifar10", "imagenet", "model", "none"
};

// The per-dataset statistics networks are normalised with: Fashion-MNIST, MNIST, CIFAR-10,
// and ImageNet's for ImageFolder trees (and for resnet18-imagenet, whatever the data).
// The dataset is recognised by its spec prefix (fashion-mnist:, cifar10:, imagefolder:)
// or, for idx: folders, a name containing "mnist". Unknown datasets get "none".
// Statistics are fitted to `channels` (averaged to 1 channel, repeated to 3).
ModelInput normalizationFor(const std::string& datasetSpec, const std::string& datasetName, int channels);
ModelInput imagenetNormalization(int channels);

} // namespace dq
