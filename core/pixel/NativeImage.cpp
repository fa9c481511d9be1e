#include "pixel/internal/NativeImage.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "models/internal/InputEncoder.h"

#include <opencv2/imgproc.hpp>

namespace dq {

ImageShape storedShape(const Dataset& data, int imageSize)
{
    if (data.kind() != SampleKind::Image)
        throw FieldError("dataset", "pixel quantization needs images; this dataset holds feature vectors");
    ImageShape s = data.imageShape();
    if (imageSize > 0) {
        s.height = s.width = imageSize;
    } else if (!data.fixedShape()) {
        throw FieldError("image-size", "the images have several sizes: choose the size they are stored at "
                                       "(e.g. 224)");
    }
    return s;
}

Image resizedImage(const Image& image, int height, int width)
{
    if (image.height == height && image.width == width)
        return image;
    const int type = CV_8UC(image.channels);
    const cv::Mat src(image.height, image.width, type, const_cast<std::uint8_t*>(image.pixels.data()));
    Image out;
    out.height = height;
    out.width = width;
    out.channels = image.channels;
    out.pixels.resize(static_cast<std::size_t>(height) * width * image.channels);
    cv::Mat dst(height, width, type, out.pixels.data());
    const bool shrink = height < image.height || width < image.width;
    cv::resize(src, dst, dst.size(), 0, 0, shrink ? cv::INTER_AREA : cv::INTER_LINEAR);
    return out;
}

Image storedImage(const Dataset& data, std::int64_t i, const Image& decoded, const ImageShape& shape)
{
    if (decoded.channels != shape.channels)
        throw Error(describeImage(data, i), "has " + std::to_string(decoded.channels) + " channels, the first image " +
                                                std::to_string(shape.channels));
    return resizedImage(decoded, shape.height, shape.width);
}

} // namespace dq
