#include "features/internal/NetworkFeatures.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/FieldError.h"
#include "common/Progress.h"
#include "datasets/Dataset.h"
#include "distributed/RankGroup.h"
#include "models/internal/BatchLoader.h"
#include "features/internal/FeatureCache.h"
#include "io/internal/NpyWriter.h"
#include "models/internal/BuiltinModel.h"
#include "models/internal/Device.h"
#include "models/internal/DeviceProbe.h"
#include "models/internal/DeviceTransfer.h"
#include "models/internal/GradientFactor.h"
#include "models/internal/ModelState.h"
#include "models/internal/PretrainedWeights.h"
#include "models/internal/SelectionTrainer.h"
#include "models/internal/TorchScriptModel.h"

#include <c10/core/InferenceMode.h>

#include <chrono>
#include <functional>
#include <memory>
#include <numeric>

namespace fs = std::filesystem;

namespace dq {
namespace {

double secondsSince(std::chrono::steady_clock::time_point t)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

std::string sizeText(int h, int w) { return std::to_string(h) + "x" + std::to_string(w); }

void writeRows(const torch::Tensor& t, NpyWriter& into)
{
    const torch::Tensor c = t.to(torch::kCPU).to(torch::kFloat).contiguous();
    into.writeRows(c.data_ptr<float>(), c.size(0));
}

void appendRows(const torch::Tensor& t, std::vector<float>& into)
{
    const torch::Tensor c = t.to(torch::kCPU).to(torch::kFloat).contiguous();
    into.insert(into.end(), c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

// Runs the model over `order` in batches (the loader's threads decode, the device computes)
// and hands each batch's outputs to `sink` in index order: its embeddings, logits and, for
// gradient features, the reference's gradient factor (undefined otherwise).
void forEachFeatureBatch(FeatureModel& model, const Dataset& data, std::vector<std::int64_t> order, const FeatureParams& p,
                         const ModelInput& input, const torch::Device& device, bool gradient, Progress& progress,
                         const CancelToken& cancel,
                         const std::function<void(const ClassifierOutput&, const torch::Tensor&)>& sink)
{
    BatchLoader loader(data, std::move(order), p.batchSize, input, cancel, device);
    ImageBatch batch;
    std::int64_t done = 0;
    while (loader.next(batch)) {
        cancel.throwIfCancelled();
        const torch::Tensor x = toDevice(batch.images, device);
        probeTensor("features", x);
        const ClassifierOutput o = model.run(x, true);
        sink(o, gradient ? referenceGradientFactor(o.logits, toDevice(batch.labels, device)) : torch::Tensor());
        done += static_cast<std::int64_t>(batch.indices.size());
        progress.update(done);
    }
}

// This rank's share of whole batches (the same batches one process runs, so every row is
// computed alike), then every rank's rows on rank 0, file by file.
void extractAcrossRanks(FeatureModel& model, const Dataset& data, const FeatureParams& p, bool gradient,
                        const ModelInput& input, const torch::Device& device, RankGroup& group, Progress& progress,
                        const CancelToken& cancel, ComputedFeatures& out)
{
    const std::int64_t n = data.size();
    const std::int64_t batches = (n + p.batchSize - 1) / p.batchSize;
    const auto [firstBatch, endBatch] = shardRange(batches, group.rank(), group.size());
    const std::int64_t begin = std::min(n, firstBatch * p.batchSize), end = std::min(n, endBatch * p.batchSize);
    std::vector<std::int64_t> order(static_cast<std::size_t>(end - begin));
    std::iota(order.begin(), order.end(), begin);
    std::vector<float> e, logits, b;
    progress.setStage("features", end - begin);
    progress.setDetail(p.model + " on " + deviceName(device) + ", rank " + std::to_string(group.rank()) + " of " +
                       std::to_string(group.size()) + ": samples " + std::to_string(begin) + " .. " +
                       std::to_string(end - 1));
    forEachFeatureBatch(model, data, std::move(order), p, input, device, gradient, progress, cancel,
                        [&](const ClassifierOutput& o, const torch::Tensor& factor) {
                            appendRows(o.embedding, e);
                            appendRows(o.logits, logits);
                            if (factor.defined())
                                appendRows(factor, b);
                        });
    progress.finishStage();
    auto share = [&](std::vector<float>& mine) { return RankRows{std::move(mine), begin, false}; };
    if (gradient) {
        out.files.push_back({"b.npy", DType::Float32, {n, out.classes}});
        out.rankRows.push_back(share(b));
    }
    out.files.push_back({gradient ? "e.npy" : "embedding.npy", DType::Float32, {n, out.dim}});
    out.rankRows.push_back(share(e));
    out.files.push_back({"logits.npy", DType::Float32, {n, out.classes}});
    out.rankRows.push_back(share(logits));
}

} // namespace

BuiltModel buildModel(const Dataset& data, const FeatureParams& p, const torch::Device& device, bool needHead,
                      const NoteSink& note, std::string& headNote)
{
    const ImageShape shape = data.imageShape();
    const int classes = data.classCount();
    BuiltModel b;
    const fs::path script = torchScriptFile(p.model);
    if (!script.empty()) {
        if (!p.weights.empty())
            throw FieldError("weights", "applies to the built-in models; a TorchScript file holds its own weights");
        auto ts = std::make_unique<TorchScriptModel>(script);
        const TorchScriptInputHints& h = ts->hints();
        b.input.channels = h.channels > 0 ? h.channels : shape.channels;
        b.input.height = p.imageSize > 0 ? p.imageSize : h.height > 0 ? h.height : shape.height;
        b.input.width = p.imageSize > 0 ? p.imageSize : h.width > 0 ? h.width : shape.width;
        if (!h.mean.empty()) {
            if (h.mean.size() != static_cast<std::size_t>(b.input.channels))
                throw Error(script.string(), "attributes 'mean' and 'std' have " + std::to_string(h.mean.size()) +
                                                 " values for " + std::to_string(b.input.channels) + " input channels");
            b.input.mean = h.mean;
            b.input.std = h.std;
            b.input.normalization = "model";
        }
        ts->to(device);
        ts->probe(b.input.channels, b.input.height, b.input.width, device);
        if (needHead && classes > 0 && ts->classCount() != classes) {
            ts->replaceHead(classes, p.seed);
            ts->to(device);
            headNote = script.string() + ": its logits have " + std::to_string(ts->classCount()) + " classes, the data " +
                       std::to_string(classes) +
                       ": a fresh seeded linear head on embed(x) replaces them (as the reference does)";
            note({"features.head-replaced", script.string(), headNote});
        }
        b.model = std::move(ts);
        return b;
    }
    BuiltinModelOptions o;
    o.name = p.model;
    o.seed = p.seed;
    o.classes = classes > 0 ? classes : 10;
    if (p.model == "resnet18-imagenet") {
        b.input = imagenetNormalization(3);
        b.input.height = b.input.width = p.imageSize > 0 ? p.imageSize : 224;
    } else {
        b.input = normalizationFor(p.datasetSpec, p.datasetName, shape.channels);
        b.input.height = p.imageSize > 0 ? p.imageSize : shape.height;
        b.input.width = p.imageSize > 0 ? p.imageSize : shape.width;
        if (!data.fixedShape() && p.imageSize <= 0)
            note({"features.images-resized", "image-size",
                  "images of several sizes: every image is resized to the first one's " +
                      sizeText(shape.height, shape.width) + " (set the image size to choose)"});
    }
    o.channels = b.input.channels;
    o.height = b.input.height;
    o.width = b.input.width;
    std::shared_ptr<ImageClassifier> net = makeClassifier(o);
    if (!p.weights.empty()) {
        headNote = loadPretrainedWeights(*net, p.weights);
        if (!headNote.empty())
            note({"features.head-replaced", p.weights.string(), headNote});
    }
    net->to(device);
    b.model = std::make_unique<BuiltinModel>(net);
    return b;
}

// Trains, or restores the weights an earlier identical training stored.
void trainOrRestore(FeatureModel& model, const Dataset& data, const FeatureParams& p, const ModelInput& input,
                    const torch::Device& device, const fs::path& cacheFile, Progress& progress, const CancelToken& cancel,
                    const NoteSink& note, ComputedFeatures& out)
{
    std::error_code ec;
    if (p.reuseCache && !cacheFile.empty() && fs::exists(cacheFile, ec)) {
        try {
            const fs::path dyn = dynamicsFile(cacheFile);
            if (!fs::exists(dyn, ec))
                throw Error(dyn.string(), "is missing (weights cached before dq recorded training dynamics)");
            out.dynamics = TrainingDynamics::unpack(readNpy(dyn).toVector<float>(), data.size(), dyn.string());
            restoreState(model.state(), readFileBytes(cacheFile), cacheFile.string());
            out.weightsFromCache = true;
            return;
        } catch (const Error& e) {
            note({"features.weights-cache-repaired", cacheFile.string(),
                  std::string("cached trained weights are unusable (") + e.what() + "): training again"});
        }
    }
    TrainingParams t;
    t.epochs = p.epochs;
    t.seed = p.seed;
    const TrainingReport r = trainSelectionModel(model, data, input, device, t, progress, cancel);
    out.epochLoss = r.epochLoss;
    out.trainSeconds = r.seconds;
    out.trainImagesPerSecond = r.seconds > 0 ? static_cast<double>(r.images) / r.seconds : 0;
    out.dynamics = r.dynamics;
    if (cacheFile.empty())
        return;
    try {
        fs::create_directories(cacheFile.parent_path());
        fs::create_directories(dynamicsFile(cacheFile).parent_path());
        writeNpy(dynamicsFile(cacheFile), NpyArray::fromVector(r.dynamics.pack(), {data.size(), 3}));
        writeFileAtomically(cacheFile, serializeState(model.state()));
    } catch (const std::exception& e) {
        note({"features.weights-not-cached", cacheFile.string(),
              std::string("could not cache the trained weights: ") + e.what()});
    }
}

fs::path trainedWeightsFile(const Dataset& view, const FeatureParams& p)
{
    if (p.epochs <= 0)
        return {};
    const fs::path root = p.cacheDir.empty() ? defaultCacheDir() : p.cacheDir;
    // The weights key does not depend on the feature mode.
    return root / "weights" / (cacheKeys(view, p, FeatureMode::Gradient).weights + ".pt");
}

fs::path dynamicsFile(const fs::path& weightsCacheFile)
{
    return weightsCacheFile.parent_path().parent_path() / "dynamics" / weightsCacheFile.filename().replace_extension(".npy");
}

fs::path torchScriptFile(const std::string& model)
{
    const std::string prefix = "torchscript:";
    if (model.rfind(prefix, 0) != 0)
        return {};
    if (model.size() == prefix.size())
        throw FieldError("model", "torchscript: needs a file (torchscript:FILE)");
    return model.substr(prefix.size());
}

ComputedFeatures computeNetworkFeatures(const Dataset& data, const FeatureParams& p, FeatureMode mode,
                                        const fs::path& weightsCacheFile, const fs::path& folder, Progress& progress,
                                        const CancelToken& cancel, const NoteSink& note)
{
    ComputedFeatures out;
    std::string deviceNote;
    const torch::Device device = resolveDevice(p.device, deviceNote);
    if (!deviceNote.empty())
        note({"features.device-fallback", p.device, deviceNote});
    out.device = deviceName(device);
    const std::int64_t n = data.size();
    const bool gradient = mode == FeatureMode::Gradient;
    if ((gradient || p.epochs > 0) && data.classCount() == 0)
        throw FieldError("dataset", std::string(gradient ? "gradient features" : "training") +
                                        " need labels and this dataset has none (use embedding features, untrained)");
    if (gradient)
        for (std::int64_t i = 0; i < n; ++i)
            if (data.label(i) < 0)
                throw FieldError("mode", "gradient features need a label for every sample; " + describeImage(data, i) +
                                             " has none (use embedding features)");

    BuiltModel built = buildModel(data, p, device, gradient || p.epochs > 0, note, out.headNote);
    FeatureModel& model = *built.model;
    out.input = built.input;
    if (p.epochs > 0)
        trainOrRestore(model, data, p, built.input, device, weightsCacheFile, progress, cancel, note, out);

    const auto t0 = std::chrono::steady_clock::now();
    model.setTraining(false);
    c10::InferenceMode inference;
    out.classes = model.classCount();
    out.dim = model.embeddingDim();
    RankGroup& group = rankGroup();
    if (group.multiProcess()) {
        extractAcrossRanks(model, data, p, gradient, built.input, device, group, progress, cancel, out);
    } else {
        out.files.push_back({gradient ? "e.npy" : "embedding.npy", DType::Float32, {n, out.dim}});
        NpyWriter e = NpyWriter::forShape(folder / out.files.back().name, DType::Float32, out.files.back().shape);
        std::unique_ptr<NpyWriter> b;
        if (gradient) {
            out.files.insert(out.files.begin(), FeatureFile{"b.npy", DType::Float32, {n, out.classes}});
            b = std::make_unique<NpyWriter>(NpyWriter::forShape(folder / "b.npy", DType::Float32, out.files.front().shape));
        }
        out.files.push_back({"logits.npy", DType::Float32, {n, out.classes}});
        NpyWriter logits = NpyWriter::forShape(folder / "logits.npy", DType::Float32, out.files.back().shape);
        std::vector<std::int64_t> order(static_cast<std::size_t>(n));
        std::iota(order.begin(), order.end(), 0);
        progress.setStage("features", n);
        progress.setDetail(p.model + " on " + out.device);
        forEachFeatureBatch(model, data, std::move(order), p, built.input, device, b != nullptr, progress, cancel,
                            [&](const ClassifierOutput& o, const torch::Tensor& factor) {
                                writeRows(o.embedding, e); // batches come in index order
                                writeRows(o.logits, logits);
                                if (b)
                                    writeRows(factor, *b);
                            });
        e.close();
        logits.close();
        if (b)
            b->close();
        progress.finishStage();
    }
    if (p.epochs > 0) {
        out.files.push_back({"forgetting.npy", DType::Float32, {n}});
        out.files.push_back({"aum.npy", DType::Float32, {n}});
        if (group.multiProcess()) {
            out.rankRows.push_back(RankRows{out.dynamics.forgettingScores(), 0, true});
            out.rankRows.push_back(RankRows{out.dynamics.areaUnderMargin(), 0, true});
        } else {
            writeNpy(folder / "forgetting.npy", NpyArray::fromVector(out.dynamics.forgettingScores()));
            writeNpy(folder / "aum.npy", NpyArray::fromVector(out.dynamics.areaUnderMargin()));
        }
    }
    out.extractSeconds = secondsSince(t0);
    out.extractImagesPerSecond = out.extractSeconds > 0 ? static_cast<double>(n) / out.extractSeconds : 0;
    return out;
}

} // namespace dq
