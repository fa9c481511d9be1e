#pragma once
// Core-private: decoded images to a network's input floats (no torch: callers own the tensor).
#include "models/ModelInput.h"

#include <cstdint>
#include <string>
#include <vector>

namespace dq {

class Dataset;
struct Image;

// "image 12 (path/of/the/file.png)": an image of a dataset as errors name it.
std::string describeImage(const Dataset& dataset, std::int64_t index);

// Turns decoded images into what a network is fed (ModelInput): resized to its size (area
// when shrinking both sides, bilinear otherwise), gray repeated to 3 channels for a
// 3-channel model (as torchvision's convert("RGB") does), then (pixel / 255 - mean) / std.
class InputEncoder {
public:
    explicit InputEncoder(ModelInput input);

    const ModelInput& input() const { return input_; }
    std::int64_t floatsPerImage() const;
    // Writes floatsPerImage() floats, channels x height x width. Throws dq::Error naming
    // image `index` of `dataset` on any other channel mismatch.
    void encode(const Image& image, const Dataset& dataset, std::int64_t index, float* dst) const;

private:
    ModelInput input_;
    std::vector<float> lut_; // channel * 256 + pixel -> normalised value
};

} // namespace dq
