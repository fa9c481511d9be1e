#include "pipeline/FeaturesJob.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "datasets/NpyFeatureDataset.h"
#include "features/FeaturesFolder.h"
#include "common/JobContext.h"
#include "stages/torch/FeaturesStage.h"

#include <QCoreApplication>

#include <algorithm>
#include <chrono>

namespace dqui {

void FeaturesJob::run(dq::Progress& progress, const dq::CancelToken& cancel)
{
    const auto t0 = std::chrono::steady_clock::now();
    auto s = std::make_shared<FeaturesState>();
    s->key = key_;
    const dq::Dataset& train = dataset_->train();
    if (!dataset_->images) {
        const auto* npy = dynamic_cast<const dq::NpyFeatureDataset*>(&train);
        if (!npy)
            throw dq::Error(dataset_->spec.toStdString(), "holds no images and no feature matrix");
        if (params_.model != QLatin1String("pixels"))
            addNote("studio.features-model-unused",
                    QCoreApplication::translate("FeaturesJob",
                                                "The dataset already holds features: the feature model is not used."));
        s->rows = params_.limit > 0 ? std::min<std::int64_t>(params_.limit, train.size()) : train.size();
        s->dim = npy->features().shape[1];
        s->mode = QStringLiteral("features");
        s->projection = dq::pcaProjection(npy->features(), progress, cancel, s->rows);
        s->projection.source = dataset_->spec.toStdString();
    } else {
        // The panel's fields; the rest (mode, batch, image size) as dq features' defaults,
        // so that dq features with the same options reads this entry and the other way round.
        dq::FeaturesParams p;
        p.data = dataset_->bundle.train;
        p.spec = dataset_->spec.toStdString();
        p.name = dataset_->bundle.name;
        p.network.model = params_.model.toStdString();
        p.network.weights = params_.weights.toStdString();
        p.network.epochs = params_.epochs;
        p.network.device = params_.device.toStdString();
        p.network.seed = params_.seed;
        p.network.limit = params_.limit;
        p.network.cacheDir = cacheDir_;
        dq::JobContext context(progress, cancel, noteSink());
        s->result = dq::runFeatures(p, context);
        cancel.throwIfCancelled();
        s->rows = s->result.rows;
        s->dim = s->result.dim;
        s->mode = QString::fromStdString(dq::featureModeName(s->result.mode));
        s->projection = dq::projectFeaturesFolder(dq::readFeaturesFolder(s->result.folder), progress, cancel);
    }
    const auto& all = dataset_->labels;
    s->labels.assign(all.begin(), all.begin() + std::min<std::size_t>(all.size(), static_cast<std::size_t>(s->rows)));
    s->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    result = std::move(s);
}

} // namespace dqui
