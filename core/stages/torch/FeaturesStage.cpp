#include "stages/torch/FeaturesStage.h"

#include "datasets/Dataset.h"
#include "datasets/DatasetSpec.h"
#include "common/JobContext.h"

namespace dq {

FeaturesResult runFeatures(const FeaturesParams& params, JobContext& context)
{
    std::shared_ptr<const Dataset> data = params.data;
    std::string name = params.name;
    if (!data) {
        const DatasetBundle bundle = openDataset(params.spec);
        data = bundle.split(params.split);
        if (name.empty())
            name = bundle.name;
    }
    FeatureParams p = params.network;
    p.datasetSpec = params.spec;
    p.datasetName = name;
    FeaturesResult r{extractFeatures(*data, p, context), name};
    return r;
}

} // namespace dq
