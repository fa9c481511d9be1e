#pragma once
#include <string>

namespace dq {

// What `dq features` computes per sample.
enum class FeatureMode {
    Auto, // gradient for a network, pixels for --model pixels
    Gradient, // the last-layer gradient as its factors b (N x C) and e (N x D)
    Embedding, // the penultimate embedding e (N x D)
    Pixels // raw pixels / 255 (N x H*W*C)
};

// "auto", "gradient", "embedding", "pixels"; throws dq::UsageError naming --mode.
FeatureMode parseFeatureMode(const std::string& text);
std::string featureModeName(FeatureMode mode);

} // namespace dq
