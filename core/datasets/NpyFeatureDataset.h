#pragma once
#include "datasets/Dataset.h"
#include "io/Npy.h"

#include <filesystem>
#include <string>
#include <vector>

namespace dq {

// Precomputed features (N x D, float32 or float64) with optional labels (N, int64, int32
// or uint8; -1 marks an unlabelled sample). Without a labels file every label is -1 and
// there are no classes. The train split only.
class NpyFeatureDataset : public Dataset {
public:
    // labelsFile empty: unlabelled.
    NpyFeatureDataset(const std::filesystem::path& featuresFile, const std::filesystem::path& labelsFile = {});

    std::int64_t size() const override { return features_.rows(); }
    const std::vector<std::string>& classNames() const override { return classNames_; }
    int label(std::int64_t i) const override;
    // Throws dq::Error: these are features.
    Image image(std::int64_t i) const override;
    ImageShape imageShape() const override { return {1, 1, static_cast<int>(features_.rowSize())}; }
    SampleKind kind() const override { return SampleKind::Features; }
    std::string split() const override { return "train"; }
    std::string fingerprint() const override { return fingerprint_; }

    // The features as read (dtype float32 or float64, shape {N, D}).
    const NpyArray& features() const { return features_; }

private:
    std::string where_; // "npy:FEATURES[,LABELS]" for messages
    NpyArray features_;
    std::vector<int> labels_;
    std::vector<std::string> classNames_;
    std::string fingerprint_;
};

// npy:FEATURES.npy[,LABELS.npy]; argument is what follows "npy:". Named after the
// features file's stem.
DatasetBundle openNpyFeatures(const std::string& argument, const std::string& spec);

} // namespace dq
