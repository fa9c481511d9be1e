#include "stages/FeaturesBinsSource.h"

#include "features/FeaturesFolder.h"

namespace dq {

BinsSource binsSourceFromFolder(const FeaturesFolder& f, const std::filesystem::path& labels)
{
    BinsSource s;
    if (f.mode == FeatureMode::Gradient) {
        s.gradientB = f.b;
        s.gradientE = f.e;
    } else {
        s.features = f.features;
    }
    s.labels = labels.empty() ? f.labels : labels;
    return s;
}

} // namespace dq
