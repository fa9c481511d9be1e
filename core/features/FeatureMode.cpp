#include "features/FeatureMode.h"

#include "common/Error.h"
#include "common/FieldError.h"

namespace dq {

FeatureMode parseFeatureMode(const std::string& text)
{
    if (text == "auto")
        return FeatureMode::Auto;
    if (text == "gradient")
        return FeatureMode::Gradient;
    if (text == "embedding")
        return FeatureMode::Embedding;
    if (text == "pixels")
        return FeatureMode::Pixels;
    throw FieldError("mode", "unknown mode '" + text + "' (expected gradient, embedding or pixels)");
}

std::string featureModeName(FeatureMode mode)
{
    switch (mode) {
    case FeatureMode::Auto:
        return "auto";
    case FeatureMode::Gradient:
        return "gradient";
    case FeatureMode::Embedding:
        return "embedding";
    case FeatureMode::Pixels:
        return "pixels";
    }
    return "auto";
}

} // namespace dq
