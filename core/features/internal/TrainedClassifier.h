#pragma once
// Core-private: the classifier behind class-activation maps.
#include "models/ModelInput.h"
#include "models/internal/FeatureModel.h"

#include <memory>
#include <string>
#include <vector>

namespace dq {

class Dataset;
class JobContext;
struct FeatureParams;

struct TrainedClassifier {
    std::unique_ptr<FeatureModel> model; // in eval mode, on `device`
    ModelInput input; // what it is fed
    torch::Device device{torch::kCPU};
    bool fromCache = false; // trained weights read from the cache
    std::vector<double> epochLoss; // when trained here
};

// The network of params.model (built-in or torchscript:FILE; --weights loaded) on
// params.device, trained for params.epochs on the first params.limit samples of `data`
// exactly as extractFeatures trains it, sharing its trained-weights cache file: after
// `dq features` or `dq bins --model M --epochs E` on the same data, no training happens.
// Its notes (device fallback, a replaced head, the weights cache) go to the context, coded
// as extractFeatures codes them. Throws dq::FieldError("model") for the model pixels.
TrainedClassifier trainedClassifier(const Dataset& data, const FeatureParams& params, JobContext& context);

} // namespace dq
