#include "pipeline/BinsJob.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "datasets/NpyFeatureDataset.h"
#include "features/FeaturesFolder.h"
#include "io/Npy.h"
#include "common/JobContext.h"
#include "stages/FeaturesBinsSource.h"

#include <algorithm>
#include <chrono>
#include <cstring>

namespace fs = std::filesystem;

namespace dqui {
namespace {

// The first `rows` rows of precomputed features as float32, as the engine takes them.
dq::NpyArray firstRows(const dq::NpyArray& a, std::int64_t rows)
{
    const std::int64_t d = a.shape[1];
    std::vector<float> all = a.toVector<float>();
    all.resize(static_cast<std::size_t>(rows * d));
    return dq::NpyArray::fromVector(all, {rows, d});
}

} // namespace

void BinsJob::run(dq::Progress& progress, const dq::CancelToken& cancel)
{
    const auto t0 = std::chrono::steady_clock::now();
    auto s = std::make_shared<BinsState>();
    s->key = key_;
    s->name = QString::fromStdString(dataset_->bundle.name);
    dq::BinsParams p;
    p.source = source();
    p.engine.bins = params_.bins;
    p.engine.function = dq::parseFunction(params_.function.toStdString());
    p.engine.greedy.kind = dq::parseGreedy(params_.greedy.toStdString());
    p.engine.greedy.seed = params_.seed;
    p.engine.balance = !p.source.dropLabels;
    p.name = s->name.isEmpty() || s->name.contains(QLatin1Char('/')) ? std::string("bins") : s->name.toStdString();
    p.cacheDir = cacheDir_;
    dq::JobContext context(progress, cancel, noteSink());
    dq::BinsResult r = dq::runBins(p, context);
    if (!r.fromCache)
        for (const dq::Note& w : r.bins.warnings)
            addNote(w);
    s->folder = QString::fromStdString(r.folder.string());
    s->bins = std::move(r.bins.bins);
    s->stats = std::move(r.bins.stats);
    s->labels = std::move(r.labels);
    s->fromCache = r.fromCache;
    s->binOf.assign(static_cast<std::size_t>(features_->rows), -1);
    for (std::size_t b = 0; b < s->bins.size(); ++b)
        for (std::int64_t i : s->bins[b])
            if (i >= 0 && i < features_->rows)
                s->binOf[static_cast<std::size_t>(i)] = static_cast<int>(b);
    profile(*s, cancel);
    s->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    result = std::move(s);
}

void BinsJob::profile(BinsState& s, const dq::CancelToken& cancel) const
{
    constexpr int kExamples = 12; // thumbnails per bin: one per class up to this many
    dq::NpyArray a;
    if (features_->result.folder.empty()) {
        const auto* npy = dynamic_cast<const dq::NpyFeatureDataset*>(&dataset_->train());
        if (!npy)
            return;
        a = npy->features();
    } else {
        const dq::FeaturesFolder f = dq::readFeaturesFolder(features_->result.folder);
        // Gradient features: the network's embedding, the factor that differs within a class.
        a = dq::readNpy(f.mode == dq::FeatureMode::Gradient ? f.e : f.features);
    }
    if (a.shape.size() != 2)
        return;
    const std::vector<float> x = a.toVector<float>();
    cancel.throwIfCancelled();
    s.profiles = dq::profileBins(x.data(), std::min(a.shape[0], features_->rows), a.shape[1], s.labels, s.bins, kExamples);
}

dq::BinsSource BinsJob::source() const
{
    dq::BinsSource src;
    if (features_->result.folder.empty()) {
        const auto* npy = dynamic_cast<const dq::NpyFeatureDataset*>(&dataset_->train());
        if (!npy)
            throw dq::Error(dataset_->spec.toStdString(), "holds no feature matrix");
        src.matrix = std::make_shared<const dq::NpyArray>(firstRows(npy->features(), features_->rows));
        src.matrixLabels = features_->labels;
        src.source = dataset_->spec.toStdString();
        src.matrixFingerprint = npy->fingerprint();
    } else {
        src = dq::binsSourceFromFolder(dq::readFeaturesFolder(features_->result.folder));
        src.source = features_->result.folder.string();
    }
    // Data without classes: one pool (the unbalanced form), as dq bins --no-balance.
    src.dropLabels = dataset_->train().classCount() == 0;
    return src;
}

} // namespace dqui
