#pragma once
#include "features/FeatureMode.h"
#include "io/Npy.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace dq {

// A features folder (written by `dq features` and kept in the cache):
//   features.json                  "format": "dq-features", the parameters, timings and
//                                  every file's shape, size and sampled hash
//   b.npy, e.npy                   gradient mode: N x C and N x D float32
//   embedding.npy | pixels.npy     the other modes: N x D float32
//   logits.npy                     N x C float32: the network's logits (network models)
//   forgetting.npy, aum.npy        N float32: training dynamics (networks with --epochs >= 1)
//   labels.npy                     N int64 (absent for unlabelled data)
struct FeaturesFolder {
    std::filesystem::path dir;
    FeatureMode mode = FeatureMode::Gradient;
    std::int64_t rows = 0, classes = 0, dim = 0;
    std::filesystem::path b, e, features, labels; // empty when absent
    std::filesystem::path logits; // empty when absent (pixels, older folders)
    std::filesystem::path forgetting, aum; // empty without selection training
    int epochs = 0; // selection training before extraction
    std::string cacheKeyText; // what the entry was computed from
    std::string device;
    std::string datasetName; // e.g. "FashionMNIST"
};

constexpr const char* kFeaturesManifest = "features.json";

// Reads features.json and checks every file it lists (present, same size, same sampled
// hash). Throws dq::Error naming the file that is missing, corrupt or changed.
FeaturesFolder readFeaturesFolder(const std::filesystem::path& dir);
bool hasFeaturesManifest(const std::filesystem::path& dir);

// A file of a features folder, for its entry in features.json.
struct FeatureFile {
    std::string name; // "b.npy"
    DType dtype = DType::Float32;
    std::vector<std::int64_t> shape;
};

// Throws dq::Error unless `dir` is absent, empty or a features folder (which may be
// replaced): a non-empty folder without features.json is never replaced.
void checkFeaturesTarget(const std::filesystem::path& dir);

// Writes features.json into `dir` (a staging folder holding the files): the object
// `descriptionJson` plus "files" with every file's shape, dtype, size and sampled hash.
void writeFeaturesManifest(const std::filesystem::path& dir, const std::vector<FeatureFile>& files,
                           const std::string& descriptionJson);

// Copies a checked features folder to `dir` (atomically, same refusal rule).
void copyFeaturesFolder(const FeaturesFolder& from, const std::filesystem::path& dir);

} // namespace dq
