#include "pixel/ImageCodec.h"

#include "common/Error.h"
#include "datasets/Dataset.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <vector>

namespace dq {
namespace {

std::string encodeWithOpenCv(const Image& image, const char* extension, const std::vector<int>& params)
{
    const int c = image.channels;
    if (image.height <= 0 || image.width <= 0 || (c != 1 && c != 3 && c != 4) ||
        image.pixels.size() != static_cast<std::size_t>(image.height) * image.width * c)
        throw Error(std::string("cannot encode a ") + std::to_string(image.height) + " x " +
                    std::to_string(image.width) + " x " + std::to_string(c) + " image as " + (extension + 1));
    cv::Mat src(image.height, image.width, CV_8UC(c), const_cast<std::uint8_t*>(image.pixels.data()));
    cv::Mat bgr;
    if (c == 3)
        cv::cvtColor(src, bgr, cv::COLOR_RGB2BGR);
    else if (c == 4)
        cv::cvtColor(src, bgr, cv::COLOR_RGBA2BGRA);
    else
        bgr = src;
    std::vector<uchar> out;
    try {
        if (!cv::imencode(extension, bgr, out, params))
            throw Error(std::string("cannot encode ") + (extension + 1));
    } catch (const cv::Exception& e) {
        throw Error(std::string("cannot encode ") + (extension + 1) + ": " + e.what());
    }
    return std::string(out.begin(), out.end());
}

} // namespace

const char* imageCodecName(ImageCodec codec)
{
    switch (codec) {
    case ImageCodec::Png: return "png";
    case ImageCodec::WebpLossless: return "webp-lossless";
    case ImageCodec::Jpeg: return "jpeg";
    case ImageCodec::Webp: return "webp";
    }
    return "?";
}

std::string encodeImage(const Image& image, ImageCodec codec, int quality)
{
    switch (codec) {
    case ImageCodec::Png:
        return encodeWithOpenCv(image, ".png", {cv::IMWRITE_PNG_COMPRESSION, quality < 0 ? 9 : quality});
    case ImageCodec::WebpLossless: // OpenCV encodes losslessly above quality 100
        return encodeWithOpenCv(image, ".webp", {cv::IMWRITE_WEBP_QUALITY, 101});
    case ImageCodec::Jpeg:
        return encodeWithOpenCv(image, ".jpg", {cv::IMWRITE_JPEG_QUALITY, quality});
    case ImageCodec::Webp:
        return encodeWithOpenCv(image, ".webp", {cv::IMWRITE_WEBP_QUALITY, quality});
    }
    throw Error("unknown image codec");
}

std::string encodePng(const Image& image)
{
    return encodeWithOpenCv(image, ".png", {});
}

void LosslessSizes::add(const Image& image)
{
    png += static_cast<std::int64_t>(encodeImage(image, ImageCodec::Png).size());
    webpLossless += static_cast<std::int64_t>(encodeImage(image, ImageCodec::WebpLossless).size());
}

const char* LosslessSizes::bestCodec() const
{
    return imageCodecName(webpLossless > 0 && webpLossless < png ? ImageCodec::WebpLossless : ImageCodec::Png);
}

} // namespace dq
