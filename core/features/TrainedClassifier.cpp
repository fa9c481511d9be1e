#include "features/TrainedClassifier.h"

#include "common/Error.h"
#include "datasets/Dataset.h"
#include "features/DatasetPrefix.h"
#include "features/FeatureExtractor.h"
#include "features/NetworkFeatures.h"
#include "models/Device.h"

namespace dq {

TrainedClassifier trainedClassifier(const Dataset& data, const FeatureParams& p, Progress& progress,
                                    const CancelToken& cancel)
{
    if (p.model == "pixels")
        throw UsageError("--model", "class-activation maps need a network (convnet, resnet18, resnet18-imagenet "
                                    "or torchscript:FILE), not pixels");
    if (p.epochs < 0)
        throw UsageError("--epochs", "must be 0 or more");
    TrainedClassifier t;
    const NoteSink note = [&](const std::string& text) {
        t.note += (t.note.empty() ? "" : "; ") + text;
        if (p.onNote)
            p.onNote(text);
    };
    std::string deviceNote;
    t.device = resolveDevice(p.device, deviceNote);
    if (!deviceNote.empty())
        note(deviceNote);
    // The same view, model and cache file as extractFeatures, so the cached weights fit.
    const DatasetPrefix view(data, p.limit);
    if (p.epochs > 0 && view.classCount() == 0)
        throw Error("--dataset", "training needs labels and this dataset has none (use --epochs 0)");
    std::string headNote;
    BuiltModel built = buildModel(view, p, t.device, p.epochs > 0, note, headNote);
    t.input = built.input;
    if (p.epochs > 0) {
        ComputedFeatures trained;
        trainOrRestore(*built.model, view, p, built.input, t.device, trainedWeightsFile(view, p), progress, cancel, note,
                       trained);
        t.fromCache = trained.weightsFromCache;
        t.epochLoss = trained.epochLoss;
    }
    built.model->setTraining(false);
    t.model = std::move(built.model);
    return t;
}

} // namespace dq
