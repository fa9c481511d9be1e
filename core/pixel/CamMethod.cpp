#include "pixel/internal/CamMethod.h"

#include "common/Error.h"
#include "common/FieldError.h"

namespace dq {

CamMethod parseCamMethod(const std::string& text, const std::string& field)
{
    if (text == "gradcam")
        return CamMethod::GradCam;
    if (text == "gradcam++")
        return CamMethod::GradCamPlusPlus;
    if (text == "random")
        return CamMethod::Random;
    throw FieldError(field, "unknown method '" + text + "' (expected gradcam, gradcam++ or random)");
}

std::string camMethodName(CamMethod method)
{
    switch (method) {
    case CamMethod::GradCam:
        return "gradcam";
    case CamMethod::GradCamPlusPlus:
        return "gradcam++";
    case CamMethod::Random:
        return "random";
    }
    return "unknown";
}

} // namespace dq
