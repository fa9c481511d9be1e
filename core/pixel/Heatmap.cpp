#include "pixel/internal/Heatmap.h"

#include "common/Error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace dq {

Image heatmapOverlay(const Image& image, const std::vector<float>& map, double imageWeight)
{
    const std::size_t pixels = static_cast<std::size_t>(image.height) * image.width;
    if (map.size() != pixels)
        throw Error("heatmap", "the map has " + std::to_string(map.size()) + " values for a " +
                                   std::to_string(image.height) + " x " + std::to_string(image.width) + " image");
    if (image.channels != 1 && image.channels != 3)
        throw Error("heatmap", "needs a gray or RGB image, not " + std::to_string(image.channels) + " channels");
    if (!(imageWeight >= 0 && imageWeight <= 1))
        throw Error("heatmap", "the image weight must be in [0, 1]");
    cv::Mat levels(image.height, image.width, CV_8UC1);
    for (std::size_t i = 0; i < pixels; ++i) // np.uint8(255 * mask): truncation
        levels.data[i] = static_cast<std::uint8_t>(std::clamp(255.0f * map[i], 0.0f, 255.0f));
    cv::Mat colour;
    cv::applyColorMap(levels, colour, cv::COLORMAP_JET);
    cv::cvtColor(colour, colour, cv::COLOR_BGR2RGB);
    std::vector<float> blend(pixels * 3);
    float top = 0;
    for (std::size_t i = 0; i < pixels; ++i)
        for (int c = 0; c < 3; ++c) {
            const float img = image.pixels[i * image.channels + (image.channels == 3 ? c : 0)] / 255.0f;
            const float heat = colour.data[i * 3 + c] / 255.0f;
            const float v = static_cast<float>((1 - imageWeight) * heat + imageWeight * img);
            blend[i * 3 + c] = v;
            top = std::max(top, v);
        }
    Image out;
    out.height = image.height;
    out.width = image.width;
    out.channels = 3;
    out.pixels.resize(pixels * 3);
    for (std::size_t i = 0; i < blend.size(); ++i)
        out.pixels[i] = static_cast<std::uint8_t>(top > 0 ? std::clamp(255.0f * (blend[i] / top), 0.0f, 255.0f) : 0.0f);
    return out;
}

} // namespace dq
