#include "features/FeatureExtractor.h"

#include "common/internal/Timestamp.h"
#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/FieldError.h"
#include "common/Progress.h"
#include "datasets/Dataset.h"
#include "distributed/RankGroup.h"
#include "datasets/DatasetPrefix.h"
#include "features/internal/FeatureCache.h"
#include "features/FeaturesFolder.h"
#include "io/internal/NpyWriter.h"
#include "features/internal/NetworkFeatures.h"
#include "features/PixelFeatures.h"
#include "features/internal/RankRows.h"
#include "models/internal/BuiltinModel.h"
#include "models/internal/Device.h"
#include "models/internal/SelectionTrainer.h"
#include "common/JobContext.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>

namespace fs = std::filesystem;
using nlohmann::json;

namespace dq {
namespace {

FeatureMode resolveMode(const FeatureParams& p)
{
    const bool pixels = p.model == "pixels";
    if (p.mode == FeatureMode::Auto)
        return pixels ? FeatureMode::Pixels : FeatureMode::Gradient;
    if (pixels && p.mode != FeatureMode::Pixels)
        throw FieldError("mode", featureModeName(p.mode) + " features need a network; the model pixels gives pixels");
    if (!pixels && p.mode == FeatureMode::Pixels)
        throw FieldError("mode", "pixels are raw data: use the model pixels (not " + p.model + ")");
    return p.mode;
}

void validate(const Dataset& data, const FeatureParams& p, FeatureMode mode)
{
    if (data.kind() != SampleKind::Image)
        throw FieldError("dataset", "features are computed from images; this dataset already holds features "
                                    "(bin them as they are)");
    if (p.batchSize <= 0)
        throw FieldError("batch", "must be positive");
    if (p.epochs < 0)
        throw FieldError("epochs", "must be 0 or more");
    if (p.limit < 0)
        throw FieldError("limit", "must be 0 (all) or more");
    if (p.imageSize < 0 || p.imageSize > 4096)
        throw FieldError("image-size", "must be between 1 and 4096 (0: the model's or the data's)");
    if (mode == FeatureMode::Pixels) {
        if (p.epochs > 0 || !p.weights.empty())
            throw FieldError(p.epochs > 0 ? "epochs" : "weights", "has no meaning for the model pixels");
        return;
    }
    std::string deviceNote; // said when the features are computed
    resolveDevice(p.device, deviceNote); // a bad or absent device is an error even when cached
    const fs::path script = torchScriptFile(p.model);
    if (script.empty()) {
        const auto& names = builtinModelNames();
        if (std::find(names.begin(), names.end(), p.model) == names.end())
            throw FieldError("model", "unknown model '" + p.model +
                                          "' (expected convnet, resnet18, resnet18-imagenet, pixels or torchscript:FILE)");
    }
    std::error_code ec;
    if (!script.empty() && !fs::is_regular_file(script, ec))
        throw Error(script.string(), "no such TorchScript file (the model)");
    if (!p.weights.empty() && !fs::is_regular_file(p.weights, ec))
        throw Error(p.weights.string(), "no such weights file");
}

fs::path cacheRoot(const FeatureParams& p) { return p.cacheDir.empty() ? defaultCacheDir() : p.cacheDir; }

void fillResult(FeatureResult& r, const FeaturesFolder& f)
{
    r.folder = f.dir;
    r.mode = f.mode;
    r.rows = f.rows;
    r.classes = f.classes;
    r.dim = f.dim;
    r.b = f.b;
    r.e = f.e;
    r.features = f.features;
    r.labels = f.labels;
    r.logits = f.logits;
}

NpyArray labelsArray(const Dataset& data)
{
    std::vector<std::int64_t> l(static_cast<std::size_t>(data.size()));
    for (std::int64_t i = 0; i < data.size(); ++i)
        l[static_cast<std::size_t>(i)] = data.label(i);
    return NpyArray::fromVector(l);
}

// Float statistics as the short decimals they were written as (0.286, not 0.28600001).
std::vector<double> shortDecimals(const std::vector<float>& v)
{
    std::vector<double> out;
    for (float x : v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.7g", static_cast<double>(x));
        out.push_back(std::strtod(buf, nullptr));
    }
    return out;
}

bool allLabelled(const Dataset& data)
{
    if (data.classCount() == 0)
        return false;
    for (std::int64_t i = 0; i < data.size(); ++i)
        if (data.label(i) < 0)
            return false;
    return true;
}

} // namespace

std::optional<fs::path> findCachedFeatures(const Dataset& data, const FeatureParams& params)
{
    const FeatureMode mode = resolveMode(params);
    validate(data, params, mode);
    const DatasetPrefix view(data, params.limit);
    const CacheKeys k = cacheKeys(view, params, mode);
    const fs::path entry = cacheRoot(params) / "features" / k.features;
    if (intactEntry(entry, k.featuresText, nullptr))
        return entry;
    return std::nullopt;
}

FeatureResult extractFeatures(const Dataset& data, const FeatureParams& p, JobContext& ctx)
{
    const auto t0 = std::chrono::steady_clock::now();
    Progress& progress = ctx.progress();
    const CancelToken& cancel = ctx.cancel();
    FeatureResult r;
    const NoteSink note = [&](const Note& n) { ctx.note(n.code, n.where, n.text); };
    const FeatureMode mode = resolveMode(p);
    validate(data, p, mode);
    const DatasetPrefix view(data, p.limit);
    const CacheKeys keys = cacheKeys(view, p, mode);
    r.cacheKey = keys.features;
    const fs::path root = cacheRoot(p);
    const fs::path entry = root / "features" / keys.features;
    // Across ranks the cache is neither read nor written (a rank's node may not see rank
    // 0's): the ranks compute, rank 0 writes --out after all are done.
    RankGroup& group = rankGroup();
    const bool acrossRanks = group.multiProcess();
    if (acrossRanks && p.out.empty())
        throw FieldError("out", "across ranks the features are written to the output folder only");
    if (acrossRanks && mode == FeatureMode::Pixels)
        throw FieldError("model", "pixels are copied, not computed: run the model pixels in one process");

    if (p.reuseCache && !acrossRanks) {
        if (auto cached = intactEntry(entry, keys.featuresText, note)) {
            if (!p.out.empty()) {
                copyFeaturesFolder(*cached, p.out);
                cached = readFeaturesFolder(p.out);
            }
            fillResult(r, *cached);
            r.device = cached->device;
            r.fromCache = true;
            r.totalSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            return r;
        }
    }

    json d;
    d["format"] = "dq-features";
    d["format_version"] = 1;
    d["dq_version"] = DQ_VERSION;
    d["created"] = utcTimestamp();
    d["mode"] = featureModeName(mode);
    d["model"] = p.model;
    d["weights"] = p.weights.empty() ? nullptr : json(fs::absolute(p.weights).string());
    d["epochs"] = p.epochs;
    d["seed"] = p.seed;
    d["dataset"] = {{"spec", p.datasetSpec},
                    {"name", p.datasetName},
                    {"split", view.split()},
                    {"fingerprint", view.fingerprint()},
                    {"limit", p.limit}};
    d["rows"] = view.size();
    d["cache_key"] = keys.features;
    d["cache_key_text"] = keys.featuresText;

    // The files go straight into a staging folder: the cache entry's, or --out's when the
    // cache cannot be written. Both appear complete or not at all.
    if (!p.out.empty())
        checkFeaturesTarget(p.out);
    std::unique_ptr<AtomicDirectory> staging;
    bool cached = false;
    if (!acrossRanks) {
        try {
            fs::create_directories(entry.parent_path());
            std::error_code ec;
            if (fs::exists(entry, ec) && !hasFeaturesManifest(entry))
                fs::remove_all(entry); // a damaged entry of ours: make room
            staging = std::make_unique<AtomicDirectory>(entry);
            cached = true;
        } catch (const std::exception& e) {
            if (p.out.empty())
                throw;
            note(
                {"features.cache-not-written", entry.string(), std::string("could not write the cache entry: ") + e.what()});
            staging = std::make_unique<AtomicDirectory>(p.out);
        }
    }
    const fs::path folder = staging ? staging->staging() : fs::path();

    ComputedFeatures c;
    const double prepSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (mode == FeatureMode::Pixels) {
        const auto tp = std::chrono::steady_clock::now();
        const NpyArray pixels = pixelFeatures(view, progress, cancel);
        writeNpyRows(folder / "pixels.npy", pixels);
        c.extractSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - tp).count();
        c.dim = pixels.shape[1];
        c.classes = view.classCount();
        c.files.push_back({"pixels.npy", DType::Float32, pixels.shape});
    } else {
        c = computeNetworkFeatures(view, p, mode, acrossRanks ? fs::path() : trainedWeightsFile(view, p), folder, progress,
                                   cancel, note);
        d["device"] = c.device;
        d["input"] = {{"channels", c.input.channels},
                      {"height", c.input.height},
                      {"width", c.input.width},
                      {"mean", shortDecimals(c.input.mean)},
                      {"std", shortDecimals(c.input.std)},
                      {"normalization", c.input.normalization}};
        if (p.epochs > 0) {
            const TrainingParams t;
            d["training"] = {{"optimizer", "sgd"},
                             {"lr", t.learningRate},
                             {"momentum", t.momentum},
                             {"nesterov", t.nesterov},
                             {"weight_decay", t.weightDecay},
                             {"batch", t.batchSize},
                             {"shuffle", "Fisher-Yates, SplitMix64(seed, stream 0x5452414953 + epoch)"},
                             {"weights_from_cache", c.weightsFromCache},
                             {"epoch_loss", c.epochLoss}};
        }
        if (!c.headNote.empty())
            d["head"] = c.headNote;
    }
    cancel.throwIfCancelled();
    auto finish = [&](const fs::path& into) {
        if (allLabelled(view)) {
            writeNpyRows(into / "labels.npy", labelsArray(view));
            c.files.push_back({"labels.npy", DType::Int64, {view.size()}});
        }
        d["classes"] = c.classes;
        d["dim"] = c.dim;
        if (acrossRanks)
            d["ranks"] = group.size();
        d["timings"] = {{"prepare_s", prepSeconds},
                        {"train_s", c.trainSeconds},
                        {"extract_s", c.extractSeconds},
                        {"train_images_per_s", c.trainImagesPerSecond},
                        {"extract_images_per_s", c.extractImagesPerSecond * (acrossRanks ? group.size() : 1)},
                        {"total_s", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()}};
        writeFeaturesManifest(into, c.files, d.dump());
    };
    if (acrossRanks) {
        // Rank 0 stages --out and writes every rank's share into it round by round (no rank
        // holds more than its share); it commits after the final barrier, so a rank that
        // fails before leaves no folder.
        std::unique_ptr<AtomicDirectory> out;
        std::vector<char> failure;
        if (group.rank() == 0) {
            try {
                checkFeaturesTarget(p.out);
                out = std::make_unique<AtomicDirectory>(p.out);
            } catch (const std::exception& e) {
                const std::string text = e.what();
                failure.assign(text.begin(), text.end());
            }
        }
        group.broadcastVector(failure, 0, "staging the output folder on rank 0");
        if (!failure.empty())
            throw Error("rank 0", std::string(failure.begin(), failure.end()));
        for (std::size_t k = 0; k < c.rankRows.size(); ++k) {
            const FeatureFile& f = c.files[k];
            const std::int64_t rowFloats = f.shape.size() > 1 ? f.shape[1] : 1;
            std::unique_ptr<NpyWriter> w;
            if (out)
                w = std::make_unique<NpyWriter>(NpyWriter::forShape(out->staging() / f.name, f.dtype, f.shape));
            const std::string what = "writing " + f.name + " from every rank";
            writeRowsFromRanks(group, c.rankRows[k], rowFloats, w.get(), what.c_str());
            c.rankRows[k].values = std::vector<float>(); // this share is on disk now: free it
            if (w)
                w->close();
        }
        group.commitOnRankZero([&] {
            finish(out->staging());
            out->commit();
        });
        if (group.rank() == 0)
            fillResult(r, readFeaturesFolder(p.out));
        else
            r.folder = p.out;
    } else {
        finish(folder);
        staging->commit();
        if (cached && !p.out.empty())
            copyFeaturesFolder(readFeaturesFolder(entry), p.out);
        fillResult(r, readFeaturesFolder(p.out.empty() ? entry : p.out));
    }
    r.device = c.device;
    r.input = c.input;
    r.weightsFromCache = c.weightsFromCache;
    r.epochLoss = c.epochLoss;
    r.trainSeconds = c.trainSeconds;
    r.extractSeconds = c.extractSeconds;
    r.trainImagesPerSecond = c.trainImagesPerSecond;
    r.extractImagesPerSecond = c.extractImagesPerSecond;
    r.totalSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
}

} // namespace dq
