#pragma once
// Core-private: one score per patch for a batch of selected samples, from the CAMs of a
// trained classifier or, for the control, from seeded random numbers.
#include "features/ModelInput.h"
#include "pixel/CamMethod.h"
#include "pixel/PatchGrid.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace dq {

class Dataset;
class Progress;
class CancelToken;
class CamNetwork;
class FeatureModel;
struct FeatureParams;

struct PatchScores {
    std::vector<float> scores;   // images x grid.count(), row-major
    std::vector<float> camMaps;  // images x height x width in [0, 1] at the native size (when asked)
    std::vector<int> predicted;  // per image (-1 for random)
};

class PatchScorer {
public:
    // Builds (or restores from the cache) the classifier for CAM methods; `random` needs none.
    PatchScorer(const Dataset& data, CamMethod method, bool targetLabel, const FeatureParams& model, Progress& progress,
                const CancelToken& cancel);
    ~PatchScorer();

    // Scores of the samples `indices` (their native images `height` x `width`). CAM
    // methods use the classifier's own input (resized and normalised from the dataset).
    PatchScores score(const Dataset& data, const std::vector<std::int64_t>& indices, int height, int width,
                      const PatchGrid& grid, bool wantMaps, const CancelToken& cancel);

    CamMethod method() const { return method_; }
    bool modelFromCache() const { return fromCache_; }
    std::string device() const { return device_; }
    const std::string& note() const { return note_; }

private:
    CamMethod method_;
    bool targetLabel_;
    std::uint64_t seed_;
    ModelInput input_;
    std::unique_ptr<FeatureModel> model_;
    std::unique_ptr<CamNetwork> net_;
    std::string device_ = "cpu", note_;
    bool fromCache_ = false;
};

} // namespace dq
