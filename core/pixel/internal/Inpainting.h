#pragma once
#include "datasets/Dataset.h"

#include <cstdint>
#include <string>
#include <vector>

namespace dq {

// OpenCV's two inpainting algorithms: Telea's fast marching method (2004) and the
// Navier-Stokes based one of Bertalmio et al. (2001).
enum class InpaintMethod { Telea, NavierStokes };

// "telea" or "ns"; throws dq::UsageError for anything else.
InpaintMethod parseInpaintMethod(const std::string& text);
// "telea" or "ns".
std::string inpaintMethodName(InpaintMethod method);

// Fills the dropped pixels of `native` (keptPixelMask 0, height * width bytes) from the
// kept ones with cv::inpaint; kept pixels come out exactly as they went in. Grey and RGB
// images are inpainted as a whole, any other channel count channel by channel. An image
// with nothing dropped is returned as is; one with nothing kept comes back black.
// Throws dq::Error when the mask does not match the image or radius <= 0.
Image inpaintDropped(const Image& native, const std::vector<std::uint8_t>& keptPixelMask, InpaintMethod method,
                     double radius = 3);

} // namespace dq
