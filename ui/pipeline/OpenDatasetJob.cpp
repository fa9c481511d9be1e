#include "pipeline/OpenDatasetJob.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "datasets/DatasetSpec.h"

namespace dqui {

void OpenDatasetJob::run(dq::Progress& progress, const dq::CancelToken& cancel)
{
    progress.setStage("dataset", 0);
    auto s = std::make_shared<DatasetState>();
    s->spec = spec_.trimmed();
    try {
        s->bundle = dq::openDataset(s->spec.toStdString());
    } catch (const dq::UsageError& e) {
        // Core lists its own forms; DQ Studio opens instruction data too (TextOpenJob).
        if (std::string(e.what()).find("unknown dataset spec") == std::string::npos)
            throw;
        throw dq::UsageError(std::string(e.what()) + "; DQ Studio also opens text:DATA.json[,EMBEDDINGS.npy] "
                                                     "(instruction data)");
    }
    cancel.throwIfCancelled();
    if (!s->bundle.train)
        throw dq::Error(s->spec.toStdString(), "the dataset has no training split");
    const dq::Dataset& train = *s->bundle.train;
    s->labels = train.labels();
    s->classCounts = train.classCounts();
    s->images = train.kind() == dq::SampleKind::Image;
    const dq::ImageShape shape = train.imageShape();
    s->sampleBytes =
        s->images ? std::int64_t(shape.height) * shape.width * shape.channels : std::int64_t(shape.channels) * 4;
    s->key = s->spec + QStringLiteral("|train|") + QString::fromStdString(train.fingerprint());
    progress.finishStage();
    result = std::move(s);
}

} // namespace dqui
