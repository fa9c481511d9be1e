#include "stages/torch/PixelStage.h"

#include "common/FieldError.h"
#include "common/Progress.h"
#include "datasets/DatasetSpec.h"
#include "common/JobContext.h"

namespace dq {

bool parseCamTarget(const std::string& text)
{
    if (text != "predicted" && text != "label")
        throw FieldError("cam-target", "must be 'predicted' or 'label', got '" + text + "'");
    return text == "label";
}

PixelStageResult runPixel(const PixelStageParams& params, JobContext& context)
{
    DatasetBundle opened;
    if (!params.dataset)
        opened = openDataset(params.datasetSpec);
    const DatasetBundle& bundle = params.dataset ? *params.dataset : opened;
    const std::shared_ptr<const Dataset> split = bundle.split(params.split);
    // Checked here, so that a bad index names the file it came from.
    checkedSortedIndices(params.indices, split->size(), params.indicesSource);

    PixelParams p = params.pixel;
    p.datasetSpec = params.dataset ? bundle.spec : params.datasetSpec;
    p.datasetName = bundle.name;
    p.trainingData = bundle.train.get(); // the models learn from the training split
    PixelStageResult r;
    r.pixel = runPixelQuantization(*split, params.indices, p, params.out, context);
    if (params.compareCodecs) {
        r.codecs = compareCodecs(*split, params.indices, p, params.codecs, context);
        context.cancel().throwIfCancelled();
        writeCodecComparison(r.pixel.out, *r.codecs);
    }
    return r;
}

} // namespace dq
