#pragma once
// Core-private: one score per patch for a batch of selected samples, from the CAMs of a
// trained classifier or, for the control, from seeded random numbers.
#include "models/ModelInput.h"
#include "pixel/internal/CamMethod.h"
#include "pixel/PatchGrid.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace dq {

class JobContext;

class Dataset;
struct Image;
class Progress;
class CancelToken;
class CamNetwork;
class InputEncoder;
class FeatureModel;
struct FeatureParams;

struct PatchScores {
    std::vector<float> scores; // images x grid.count(), row-major
    std::vector<float> camMaps; // images x height x width in [0, 1] at the native size (when asked)
    std::vector<int> predicted; // per image (-1 for random)
};

class PatchScorer {
public:
    // Builds (or restores from the cache) the classifier for CAM methods; `random` needs none.
    // The classifier's notes (device fallback, its weights cache) go to `context`.
    PatchScorer(const Dataset& data, CamMethod method, bool targetLabel, const FeatureParams& model, JobContext& context);
    ~PatchScorer();

    // Scores of the samples `indices`, whose decoded images are `images` (as the dataset
    // gives them; CAM methods resize and normalise them for the classifier), with maps at
    // the stored size `height` x `width`.
    PatchScores score(const Dataset& data, const std::vector<std::int64_t>& indices, const std::vector<Image>& images,
                      int height, int width, const PatchGrid& grid, bool wantMaps);

    CamMethod method() const { return method_; }
    bool modelFromCache() const { return fromCache_; }

private:
    CamMethod method_;
    bool targetLabel_;
    std::uint64_t seed_;
    ModelInput input_;
    std::unique_ptr<InputEncoder> encoder_;
    std::unique_ptr<FeatureModel> model_;
    std::unique_ptr<CamNetwork> net_;
    std::string device_ = "cpu";
    bool fromCache_ = false;
};

} // namespace dq
