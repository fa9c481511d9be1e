#include "pixel/internal/Inpainting.h"

#include "common/Error.h"

#include <opencv2/core.hpp>
#include <opencv2/photo.hpp>

#include <algorithm>

namespace dq {

InpaintMethod parseInpaintMethod(const std::string& text)
{
    if (text == "telea")
        return InpaintMethod::Telea;
    if (text == "ns")
        return InpaintMethod::NavierStokes;
    throw UsageError("inpainting method", "unknown method '" + text + "' (expected telea or ns)");
}

std::string inpaintMethodName(InpaintMethod method) { return method == InpaintMethod::Telea ? "telea" : "ns"; }

Image inpaintDropped(const Image& native, const std::vector<std::uint8_t>& keptPixelMask, InpaintMethod method,
                     double radius)
{
    const std::size_t pixels = static_cast<std::size_t>(native.height) * native.width;
    if (native.height <= 0 || native.width <= 0 || native.channels <= 0 || native.pixels.size() != pixels * native.channels)
        throw Error("inpainting", "invalid image (" + std::to_string(native.height) + " x " + std::to_string(native.width) +
                                      " x " + std::to_string(native.channels) + ", " + std::to_string(native.pixels.size()) +
                                      " bytes)");
    if (keptPixelMask.size() != pixels)
        throw Error("inpainting", "mask of " + std::to_string(keptPixelMask.size()) + " pixels for a " +
                                      std::to_string(native.height) + " x " + std::to_string(native.width) + " image");
    if (!(radius > 0))
        throw Error("inpainting", "radius must be > 0, got " + std::to_string(radius));

    const bool anyDropped = std::find(keptPixelMask.begin(), keptPixelMask.end(), 0) != keptPixelMask.end();
    if (!anyDropped)
        return native;
    const bool anyKept = std::any_of(keptPixelMask.begin(), keptPixelMask.end(), [](std::uint8_t m) { return m != 0; });
    Image out = native;
    if (!anyKept) {
        std::fill(out.pixels.begin(), out.pixels.end(), 0);
        return out;
    }

    cv::Mat mask(native.height, native.width, CV_8UC1);
    for (std::size_t p = 0; p < pixels; ++p)
        mask.data[p] = keptPixelMask[p] ? 0 : 255;
    const int flags = method == InpaintMethod::Telea ? cv::INPAINT_TELEA : cv::INPAINT_NS;
    const int c = native.channels;
    // cv::inpaint takes 8-bit images of 1 or 3 channels; the channel order does not matter to it.
    const bool whole = c == 1 || c == 3;
    for (int first = 0; first < c; first += whole ? c : 1) {
        const int n = whole ? c : 1;
        cv::Mat src(native.height, native.width, CV_8UC(n));
        for (std::size_t p = 0; p < pixels; ++p)
            for (int k = 0; k < n; ++k)
                src.data[p * n + k] = native.pixels[p * c + first + k];
        cv::Mat dst;
        cv::inpaint(src, mask, dst, radius, flags);
        for (std::size_t p = 0; p < pixels; ++p)
            if (!keptPixelMask[p])
                for (int k = 0; k < n; ++k)
                    out.pixels[p * c + first + k] = dst.data[p * n + k];
    }
    return out;
}

} // namespace dq
