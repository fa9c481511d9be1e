#include "pixel/internal/PatchScorer.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "datasets/Dataset.h"
#include "models/internal/BatchLoader.h"
#include "features/FeatureExtractor.h"
#include "features/internal/TrainedClassifier.h"
#include "models/internal/DeviceTransfer.h"
#include "pixel/internal/CamNetwork.h"
#include "pixel/internal/ClassActivation.h"
#include "common/JobContext.h"

#include <torch/types.h>

#include <utility>

namespace dq {
namespace {

// The classifier's errors are about the feature fields (model, epochs, ...); the pixel
// step calls them cam-model, cam-epochs, ...: field errors are renamed by their id.
std::string camFieldId(const std::string& id)
{
    static const std::pair<const char*, const char*> kIds[] = {{"model", "cam-model"},
                                                               {"epochs", "cam-epochs"},
                                                               {"weights", "cam-weights"},
                                                               {"limit", "train-limit"}};
    for (const auto& [from, to] : kIds)
        if (id == from)
            return to;
    return id;
}

TrainedClassifier camClassifier(const Dataset& data, const FeatureParams& model, JobContext& context)
{
    try {
        return trainedClassifier(data, model, context);
    } catch (const FieldError& e) {
        throw FieldError(camFieldId(e.field()), e.detail());
    }
}

} // namespace

PatchScorer::PatchScorer(const Dataset& data, CamMethod method, bool targetLabel, const FeatureParams& model,
                         JobContext& context)
        : method_(method), targetLabel_(targetLabel), seed_(model.seed)
{
    if (method_ == CamMethod::Random)
        return;
    TrainedClassifier t = camClassifier(data, model, context);
    model_ = std::move(t.model);
    input_ = t.input;
    encoder_ = std::make_unique<InputEncoder>(input_);
    device_ = t.device.str();
    fromCache_ = t.fromCache;
    try {
        net_ = camNetwork(*model_);
    } catch (const FieldError& e) {
        throw FieldError(camFieldId(e.field()), e.detail());
    }
}

PatchScorer::~PatchScorer() = default;

PatchScores PatchScorer::score(const Dataset& data, const std::vector<std::int64_t>& indices,
                               const std::vector<Image>& images, int height, int width, const PatchGrid& grid, bool wantMaps)
{
    PatchScores out;
    const auto n = static_cast<std::int64_t>(indices.size());
    if (method_ == CamMethod::Random) {
        const torch::Tensor s = randomPatchScores(indices, grid.count(), seed_).contiguous();
        out.scores.assign(s.data_ptr<float>(), s.data_ptr<float>() + s.numel());
        out.predicted.assign(indices.size(), -1);
        if (wantMaps)
            out.camMaps.assign(static_cast<std::size_t>(n) * height * width, 0.0f);
        return out;
    }
    // The caller decoded the images once, for the stored copies too.
    const torch::Device device(device_);
    const torch::Tensor input = toDevice(encodeImages(*encoder_, data, indices, images), device);
    torch::Tensor labels;
    if (targetLabel_) {
        std::vector<std::int64_t> l(indices.size());
        for (std::size_t k = 0; k < indices.size(); ++k) {
            l[k] = data.label(indices[k]);
            if (l[k] < 0)
                throw FieldError("cam-target", "'label' needs labelled samples; this dataset has unlabelled ones");
        }
        labels = torch::tensor(l, torch::kLong); // computeCams checks them here, then moves them
    }
    const CamBatch cams = computeCams(*net_, input, method_, labels);
    // Scores are taken at the classifier's input size, the CAM's own frame.
    const torch::Tensor s = patchScores(cams.maps, input_.height, input_.width, grid).contiguous();
    out.scores.assign(s.data_ptr<float>(), s.data_ptr<float>() + s.numel());
    const torch::Tensor p = cams.predicted.to(torch::kCPU).to(torch::kInt).contiguous();
    out.predicted.assign(p.data_ptr<int>(), p.data_ptr<int>() + p.numel());
    if (wantMaps) {
        const torch::Tensor m = camImages(cams.maps, height, width).to(torch::kCPU).contiguous();
        out.camMaps.assign(m.data_ptr<float>(), m.data_ptr<float>() + m.numel());
    }
    return out;
}

} // namespace dq
