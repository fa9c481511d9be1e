#include "pipeline/BinsJob.h"

#include "bins/BinInputs.h"
#include "bins/BinsFolder.h"
#include "common/Error.h"
#include "common/Fingerprint.h"
#include "common/Progress.h"
#include "datasets/NpyFeatureDataset.h"
#include "features/FeaturesFolder.h"
#include "io/Npy.h"
#include "pipeline/BinsManifest.h"

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

fs::path BinsJob::folderFor(const QString& key, const fs::path& cacheDir)
{
    dq::Fingerprint fp;
    fp.add(std::string_view("dq-studio bins " DQ_VERSION));
    fp.add(key.toStdString());
    return (cacheDir.empty() ? dq::defaultCacheDir() : cacheDir) / "bins" / fp.hex();
}

void BinsJob::run(dq::Progress& progress, const dq::CancelToken& cancel)
{
    const auto t0 = std::chrono::steady_clock::now();
    auto s = std::make_shared<BinsState>();
    s->key = key_;
    s->name = QString::fromStdString(dataset_->bundle.name);
    const fs::path folder = folderFor(key_, cacheDir_);
    s->folder = QString::fromStdString(folder.string());
    bool loaded = false;
    std::error_code ec;
    if (fs::is_regular_file(folder / "bins.json", ec)) {
        try {
            const dq::BinsFolderContent c = dq::readBinsFolder(folder);
            if (c.datasetSize == features_->rows) {
                s->bins = c.bins;
                s->labels = c.labels;
                s->stats = readBinStats(folder / "bins.json");
                s->fromCache = s->stats.size() == s->bins.size();
                loaded = s->fromCache;
            }
        } catch (const dq::Error& e) {
            addNote(QString::fromUtf8(e.what()) + QStringLiteral(" (computing the bins again)"));
        }
        if (!loaded)
            fs::remove_all(folder, ec); // ours and damaged: make room
    }
    if (!loaded)
        compute(*s, progress, cancel);
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

void BinsJob::compute(BinsState& s, dq::Progress& progress, const dq::CancelToken& cancel)
{
    const dq::Kernel kernel = dq::Kernel::Cosine;
    dq::BinInputs in;
    if (features_->result.folder.empty()) {
        const auto* npy = dynamic_cast<const dq::NpyFeatureDataset*>(&dataset_->train());
        if (!npy)
            throw dq::Error(dataset_->spec.toStdString(), "holds no feature matrix");
        in = dq::denseInputsFromArray(firstRows(npy->features(), features_->rows), features_->labels,
                                      dataset_->spec.toStdString(), kernel);
        in.info.fingerprint = npy->fingerprint();
    } else {
        const dq::FeaturesFolder f = dq::readFeaturesFolder(features_->result.folder);
        in = f.mode == dq::FeatureMode::Gradient ? dq::loadGradientInputs(f.b, f.e, f.labels, kernel)
                                                 : dq::loadDenseInputs(f.features, f.labels, kernel);
        in.info.features = f.dir.string();
    }
    cancel.throwIfCancelled();
    if (dataset_->train().classCount() == 0)
        in.labels.clear();

    dq::BinParams p;
    p.bins = params_.bins;
    p.function = dq::parseFunction(params_.function.toStdString());
    p.greedy.kind = dq::parseGreedy(params_.greedy.toStdString());
    p.greedy.seed = params_.seed;
    p.balance = !in.labels.empty();
    const dq::BinResult r = dq::generateBins(*in.space, in.labels, p, progress, cancel);
    cancel.throwIfCancelled();
    for (const std::string& w : r.warnings)
        addNote(QString::fromStdString(w));
    const fs::path folder = s.folder.toStdString();
    fs::create_directories(folder.parent_path());
    dq::writeBinsFolder(folder, s.name.toStdString(), r, p, in.info, in.labels);
    s.bins = r.bins;
    s.stats = r.stats;
    s.labels = in.labels;
}

} // namespace dqui
