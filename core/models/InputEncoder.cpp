#include "models/internal/InputEncoder.h"

#include "common/Error.h"
#include "datasets/Dataset.h"
#include "datasets/internal/ImageFolderDataset.h"
#include "datasets/DatasetPrefix.h"

#include <opencv2/imgproc.hpp>

namespace dq {

std::string describeImage(const Dataset& dataset, std::int64_t index)
{
    const Dataset* d = &dataset;
    if (const auto* prefix = dynamic_cast<const DatasetPrefix*>(d))
        d = &prefix->base();
    std::string s = "image " + std::to_string(index);
    if (const auto* folder = dynamic_cast<const ImageFolderDataset*>(d))
        s += " (" + folder->file(index).string() + ")";
    return s;
}

InputEncoder::InputEncoder(ModelInput input) : input_(std::move(input))
{
    const int c = input_.channels;
    lut_.resize(static_cast<std::size_t>(c) * 256);
    for (int ch = 0; ch < c; ++ch)
        for (int v = 0; v < 256; ++v) {
            float x = static_cast<float>(v) / 255.0f;
            if (!input_.mean.empty())
                x = (x - input_.mean[static_cast<std::size_t>(ch)]) / input_.std[static_cast<std::size_t>(ch)];
            lut_[static_cast<std::size_t>(ch) * 256 + static_cast<std::size_t>(v)] = x;
        }
}

std::int64_t InputEncoder::floatsPerImage() const
{
    return static_cast<std::int64_t>(input_.channels) * input_.height * input_.width;
}

void InputEncoder::encode(const Image& img, const Dataset& dataset, std::int64_t index, float* dst) const
{
    const int c = input_.channels;
    if (img.channels != c && !(img.channels == 1 && c == 3))
        throw Error(describeImage(dataset, index),
                    "has " + std::to_string(img.channels) + " channel(s) but the model takes " + std::to_string(c) +
                        (c == 1 ? " (a gray-scale model cannot take colour images; choose a model for 3 channels)" : ""));
    const int h = input_.height, w = input_.width;
    const std::uint8_t* px = img.pixels.data();
    cv::Mat resized;
    if (img.height != h || img.width != w) {
        const cv::Mat src(img.height, img.width, CV_8UC(img.channels), const_cast<std::uint8_t*>(px));
        const bool shrink = img.height > h && img.width > w;
        cv::resize(src, resized, cv::Size(w, h), 0, 0, shrink ? cv::INTER_AREA : cv::INTER_LINEAR);
        px = resized.data;
    }
    const int sc = img.channels;
    const std::size_t plane = static_cast<std::size_t>(h) * static_cast<std::size_t>(w);
    for (int ch = 0; ch < c; ++ch) {
        const float* lut = lut_.data() + static_cast<std::size_t>(ch) * 256;
        const int srcCh = sc == 1 ? 0 : ch;
        float* out = dst + static_cast<std::size_t>(ch) * plane;
        for (std::size_t p = 0; p < plane; ++p)
            out[p] = lut[px[p * static_cast<std::size_t>(sc) + static_cast<std::size_t>(srcCh)]];
    }
}

} // namespace dq
