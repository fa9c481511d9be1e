#include "features/internal/TrainedClassifier.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "datasets/Dataset.h"
#include "datasets/DatasetPrefix.h"
#include "features/FeatureExtractor.h"
#include "features/internal/NetworkFeatures.h"
#include "models/internal/Device.h"
#include "common/JobContext.h"

namespace dq {

TrainedClassifier trainedClassifier(const Dataset& data, const FeatureParams& p, JobContext& ctx)
{
    if (p.model == "pixels")
        throw FieldError("model", "class-activation maps need a network (convnet, resnet18, resnet18-imagenet "
                                  "or torchscript:FILE), not pixels");
    if (p.epochs < 0)
        throw FieldError("epochs", "must be 0 or more");
    TrainedClassifier t;
    const NoteSink note = [&](const Note& n) { ctx.note(n.code, n.where, n.text); };
    std::string deviceNote;
    t.device = resolveDevice(p.device, deviceNote);
    if (!deviceNote.empty())
        note({"features.device-fallback", p.device, deviceNote});
    // The same view, model and cache file as extractFeatures, so the cached weights fit.
    const DatasetPrefix view(data, p.limit);
    if (p.epochs > 0 && view.classCount() == 0)
        throw FieldError("dataset", "training needs labels and this dataset has none (train for 0 epochs)");
    std::string headNote;
    BuiltModel built = buildModel(view, p, t.device, p.epochs > 0, note, headNote);
    t.input = built.input;
    if (p.epochs > 0) {
        ComputedFeatures trained;
        trainOrRestore(*built.model, view, p, built.input, t.device, trainedWeightsFile(view, p), ctx.progress(),
                       ctx.cancel(), note, trained);
        t.fromCache = trained.weightsFromCache;
        t.epochLoss = trained.epochLoss;
    }
    built.model->setTraining(false);
    t.model = std::move(built.model);
    return t;
}

} // namespace dq
