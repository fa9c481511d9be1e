#pragma once
// No LibTorch here: dq (its light half included) and DQ Studio include this header.
#include "features/FeatureExtractor.h"

#include <memory>
#include <string>

namespace dq {

class Dataset;
class JobContext;

struct FeaturesParams {
    // The images: `data` where the caller holds the dataset open (DQ Studio), else the
    // `split` of the dataset `spec` names, opened here (dq features, bins, select).
    std::shared_ptr<const Dataset> data;
    std::string spec; // recorded in features.json; picks the normalisation (ModelInput.h)
    std::string name; // the dataset's name; empty: the name of the one opened here
    std::string split = "train";
    // model, weights, epochs, mode, device, batch, image size, seed, limit, cache, out;
    // its datasetSpec and datasetName are set from the fields above.
    FeatureParams network;
};

struct FeaturesResult : FeatureResult {
    std::string datasetName; // as recorded in features.json (output file names)
};

// The Features stage of dq features (and of dq bins and dq select with --dataset) and
// DQ Studio: extractFeatures, reading the features cache <cache>/features/<key> when it
// holds an intact entry keyed by the data's content (fingerprint, split, rows) and every
// parameter that changes the features, never by paths. Notes are coded "features.<what>"
// (extractFeatures); errors about a parameter are dq::FieldError with the parameter's id.
FeaturesResult runFeatures(const FeaturesParams& params, JobContext& context);

} // namespace dq
