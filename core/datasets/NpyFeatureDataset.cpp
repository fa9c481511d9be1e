#include "datasets/NpyFeatureDataset.h"

#include "common/Error.h"
#include "common/Fingerprint.h"

#include <algorithm>

namespace fs = std::filesystem;

namespace dq {
namespace {

// More classes than this is a corrupt labels file, not a dataset (ImageNet-21k has 21,841).
constexpr std::int64_t kMaxClasses = 1000000;

} // namespace

NpyFeatureDataset::NpyFeatureDataset(const fs::path& featuresFile, const fs::path& labelsFile)
        : where_("npy:" + featuresFile.string() + (labelsFile.empty() ? "" : "," + labelsFile.string()))
{
    features_ = readNpy(featuresFile);
    if (features_.dtype != DType::Float32 && features_.dtype != DType::Float64)
        throw Error(featuresFile.string(),
                    std::string("features must be float32 or float64, found ") + dtypeName(features_.dtype));
    if (features_.shape.size() != 2 || features_.shape[0] < 1 || features_.shape[1] < 1)
        throw Error(featuresFile.string(),
                    "features must be a 2-D array N x D with N, D >= 1, found shape " + shapeText(features_.shape));
    if (features_.shape[1] > 0x7fffffff)
        throw Error(featuresFile.string(), "feature dimension " + std::to_string(features_.shape[1]) + " is too large");

    Fingerprint fp;
    fp.add(std::string_view("npy"));
    fp.addFileSample(featuresFile);
    labels_.assign(static_cast<std::size_t>(features_.rows()), -1);
    if (!labelsFile.empty()) {
        const NpyArray labels = readNpy(labelsFile);
        if (labels.dtype != DType::Int64 && labels.dtype != DType::Int32 && labels.dtype != DType::UInt8)
            throw Error(labelsFile.string(),
                        std::string("labels must be int64, int32 or uint8, found ") + dtypeName(labels.dtype));
        if (labels.shape.size() != 1)
            throw Error(labelsFile.string(), "labels must be a 1-D array, found shape " + shapeText(labels.shape));
        if (labels.shape[0] != features_.rows())
            throw Error(labelsFile.string(), std::to_string(labels.shape[0]) + " labels, but " + featuresFile.string() +
                                                 " holds " + std::to_string(features_.rows()) + " feature rows");
        const std::vector<std::int64_t> values = labels.toVector<std::int64_t>();
        std::int64_t top = -1;
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (values[i] < -1 || values[i] >= kMaxClasses)
                throw Error(labelsFile.string(), "label " + std::to_string(values[i]) + " at index " + std::to_string(i) +
                                                     " is out of range [-1, " + std::to_string(kMaxClasses) + ")");
            labels_[i] = static_cast<int>(values[i]);
            top = std::max(top, values[i]);
        }
        for (std::int64_t k = 0; k <= top; ++k)
            classNames_.push_back(std::to_string(k));
        fp.addFileSample(labelsFile);
    }
    fingerprint_ = fp.hex();
}

int NpyFeatureDataset::label(std::int64_t i) const
{
    if (i < 0 || i >= size())
        throw Error(where_, "sample index " + std::to_string(i) + " out of range [0, " + std::to_string(size()) + ")");
    return labels_[static_cast<std::size_t>(i)];
}

Image NpyFeatureDataset::image(std::int64_t) const { throw Error(where_, "holds features, not images"); }

DatasetBundle openNpyFeatures(const std::string& argument, const std::string& spec)
{
    // A comma separates the labels file, unless the whole argument names an existing file.
    fs::path features = argument, labels;
    std::error_code ec;
    const auto comma = argument.rfind(',');
    if (comma != std::string::npos && !fs::is_regular_file(argument, ec)) {
        features = argument.substr(0, comma);
        labels = argument.substr(comma + 1);
        if (labels.empty())
            throw UsageError(spec, "empty labels file after ',' (expected npy:FEATURES.npy[,LABELS.npy])");
    }
    if (features.empty())
        throw UsageError(spec, "no features file (expected npy:FEATURES.npy[,LABELS.npy])");
    DatasetBundle b;
    b.name = features.stem().string();
    b.spec = spec;
    b.train = std::make_shared<NpyFeatureDataset>(features, labels);
    return b;
}

} // namespace dq
