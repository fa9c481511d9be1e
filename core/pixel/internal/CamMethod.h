#pragma once
#include <string>

namespace dq {

// How a patch's importance is scored before pixel quantization keeps the best patches:
// a class-activation map (GradCAM, or GradCAM++ as the reference uses) of the last
// convolutional block, or uniform random scores (the ablation baseline).
enum class CamMethod { GradCam, GradCamPlusPlus, Random };

// "gradcam" | "gradcam++" | "random"; anything else is a dq::UsageError on `field`
// that lists them.
CamMethod parseCamMethod(const std::string& text, const std::string& field = "cam");
std::string camMethodName(CamMethod method);

} // namespace dq
