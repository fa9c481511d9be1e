#include "pixel/ImageCodec.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "datasets/Dataset.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <vector>

namespace dq {
namespace {

std::string encodeWithOpenCv(const Image& image, const char* extension, const std::vector<int>& params)
{
    const int c = image.channels;
    if (image.height <= 0 || image.width <= 0 || (c != 1 && c != 3 && c != 4) ||
        image.pixels.size() != static_cast<std::size_t>(image.height) * image.width * c)
        throw Error(std::string("cannot encode a ") + std::to_string(image.height) + " x " + std::to_string(image.width) +
                    " x " + std::to_string(c) + " image as " + (extension + 1));
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
    case ImageCodec::Png:
        return "png";
    case ImageCodec::WebpLossless:
        return "webp-lossless";
    case ImageCodec::Jpeg:
        return "jpeg";
    case ImageCodec::Webp:
        return "webp";
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
        return encodeWithOpenCv(image, ".jpg", {cv::IMWRITE_JPEG_QUALITY, quality, cv::IMWRITE_JPEG_OPTIMIZE, 1});
    case ImageCodec::Webp:
        return encodeWithOpenCv(image, ".webp", {cv::IMWRITE_WEBP_QUALITY, quality});
    }
    throw Error("unknown image codec");
}

Image decodeImage(const std::string& bytes, int channels, const std::string& source)
{
    if (channels != 1 && channels != 3 && channels != 4)
        throw Error(source, "cannot decode to " + std::to_string(channels) + " channels");
    const cv::Mat buffer(1, static_cast<int>(bytes.size()), CV_8UC1, const_cast<char*>(bytes.data()));
    cv::Mat decoded;
    try {
        decoded = cv::imdecode(buffer, channels == 1 ? cv::IMREAD_GRAYSCALE : cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception& e) {
        throw Error(source, std::string("cannot decode: ") + e.what());
    }
    if (decoded.empty())
        throw Error(source, "cannot decode the image bytes");
    if (channels == 3 && decoded.channels() == 3)
        cv::cvtColor(decoded, decoded, cv::COLOR_BGR2RGB);
    else if (channels == 3 && decoded.channels() == 4)
        cv::cvtColor(decoded, decoded, cv::COLOR_BGRA2RGB);
    else if (channels == 4 && decoded.channels() == 3)
        cv::cvtColor(decoded, decoded, cv::COLOR_BGR2RGBA);
    else if (channels == 4 && decoded.channels() == 4)
        cv::cvtColor(decoded, decoded, cv::COLOR_BGRA2RGBA);
    if (decoded.channels() != channels || decoded.depth() != CV_8U)
        throw Error(source,
                    "decoded to " + std::to_string(decoded.channels()) + " channels, expected " + std::to_string(channels));
    Image image;
    image.height = decoded.rows;
    image.width = decoded.cols;
    image.channels = channels;
    image.pixels.resize(static_cast<std::size_t>(decoded.rows) * decoded.cols * channels);
    for (int y = 0; y < decoded.rows; ++y)
        std::copy_n(decoded.ptr<std::uint8_t>(y), static_cast<std::size_t>(decoded.cols) * channels,
                    image.pixels.begin() + static_cast<std::ptrdiff_t>(y) * decoded.cols * channels);
    return image;
}

ImageCodec parseLossyCodec(const std::string& name, const std::string& field, const std::string& subject)
{
    if (name == "jpeg" || name == "jpg")
        return ImageCodec::Jpeg;
    if (name == "webp")
        return ImageCodec::Webp;
    throw FieldError(field, (subject.empty() ? std::string() : subject + ": ") + "unknown codec '" + name +
                                "': expected jpeg or webp");
}

std::string encodePng(const Image& image) { return encodeWithOpenCv(image, ".png", {}); }

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
