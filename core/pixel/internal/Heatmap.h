#pragma once
#include "datasets/Dataset.h"

#include <vector>

namespace dq {

// A class-activation map over its image, as pytorch-grad-cam's
// show_cam_on_image(image / 255, map, use_rgb=True, image_weight) draws it: the jet colour
// of uint8(255 * map) blended with the image, (1 - imageWeight) * colour + imageWeight *
// image, divided by its largest value and truncated to 8 bits. `map` holds height x width
// values in [0, 1] (row-major; e.g. one row of camImages); gray images are drawn in gray.
// Returns an RGB image of the same size. Throws dq::Error when the sizes differ.
Image heatmapOverlay(const Image& image, const std::vector<float>& map, double imageWeight = 0.5);

} // namespace dq
