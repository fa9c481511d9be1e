#include "stages/torch/EvaluationStage.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "common/Fingerprint.h"
#include "common/Progress.h"
#include "common/Threads.h"
#include "datasets/DatasetSpec.h"
#include "distributed/RankGroup.h"
#include "evaluation/internal/EvaluationJson.h"
#include "evaluation/internal/EvaluationTrainer.h"
#include "evaluation/internal/RandomAugmentation.h"
#include "evaluation/internal/RunCache.h"
#include "evaluation/internal/TrainingSubsets.h"
#include "features/FeatureExtractor.h"
#include "features/internal/NetworkFeatures.h"
#include "models/internal/BuiltinModel.h"
#include "models/internal/DataParallel.h"
#include "models/internal/Device.h"
#include "models/internal/TorchScriptModel.h"
#include "common/JobContext.h"
#include "common/internal/NoteTexts.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

namespace dq {
namespace {

constexpr int kRunKeyVersion = 1;

void checkRecipe(const EvaluationParams& p)
{
    const EvaluationRecipe& r = p.recipe;
    const auto& models = evaluationModels();
    if (std::find(models.begin(), models.end(), r.model) == models.end() && torchScriptFile(r.model).empty())
        throw FieldError("model", "'" + r.model +
                                      "' cannot be evaluated (expected convnet, resnet18 or "
                                      "torchscript:FILE)");
    if (r.model == "convnet" && (r.width < 1 || r.width > 4096))
        throw FieldError("width", "must lie in [1, 4096], got " + std::to_string(r.width));
    if (r.epochs < 1)
        throw FieldError("epochs", "must be at least 1, got " + std::to_string(r.epochs));
    if (r.batchSize < 1)
        throw FieldError("batch", "must be at least 1, got " + std::to_string(r.batchSize));
    if (!(r.learningRate > 0) || !std::isfinite(r.learningRate))
        throw FieldError("lr", "must be a positive number");
    if (!(r.momentum >= 0 && r.momentum < 1))
        throw FieldError("momentum", "must lie in [0, 1)");
    if (!(r.weightDecay >= 0) || !std::isfinite(r.weightDecay))
        throw FieldError("weight-decay", "must be 0 or more");
    if (p.seeds.empty())
        throw FieldError("seeds", "at least one seed");
    if (std::set<std::uint64_t>(p.seeds.begin(), p.seeds.end()).size() != p.seeds.size())
        throw FieldError("seeds", "a seed is listed twice");
}

// Every class must have test images, or its accuracy means nothing.
void checkTestSplit(const DatasetBundle& bundle, const std::string& spec)
{
    if (!bundle.test)
        throw Error(spec, "has no test split: an evaluation tests every network on the held-out split");
    const Dataset& train = *bundle.train;
    const Dataset& test = *bundle.test;
    if (test.classNames() != train.classNames())
        throw Error(spec, "the test split's classes differ from the training split's");
    const std::vector<std::int64_t> counts = test.classCounts();
    for (std::size_t c = 0; c < counts.size(); ++c)
        if (counts[c] == 0)
            throw Error(spec, "class '" + train.classNames()[c] + "' has no test images");
}

// The network every run trains afresh, and what it is fed.
struct EvaluationModel {
    ModelInput input;
    ModelFactory make;
    std::string fileHash; // of a TorchScript file
};

using StageNote = std::function<void(const std::string& code, const std::string& where, const std::string& text)>;

EvaluationModel evaluationModel(const EvaluationParams& p, const DatasetBundle& bundle, const torch::Device& device,
                                const StageNote& note)
{
    const Dataset& train = *bundle.train;
    EvaluationModel m;
    const std::filesystem::path script = torchScriptFile(p.recipe.model);
    if (script.empty()) {
        const ImageShape shape = train.imageShape();
        m.input = normalizationFor(p.datasetSpec, bundle.name, shape.channels);
        m.input.height = shape.height;
        m.input.width = shape.width;
        if (!train.fixedShape())
            note("evaluation.images-resized", p.datasetSpec,
                 "images of several sizes: every image is resized to the first one's " + std::to_string(shape.height) + "x" +
                     std::to_string(shape.width));
        BuiltinModelOptions o;
        o.name = p.recipe.model;
        o.channels = m.input.channels;
        o.classes = train.classCount();
        o.height = m.input.height;
        o.width = m.input.width;
        o.convnetWidth = p.recipe.width;
        m.make = [o, device](std::uint64_t seed) -> std::unique_ptr<FeatureModel> {
            BuiltinModelOptions seeded = o;
            seeded.seed = seed;
            std::shared_ptr<ImageClassifier> net = makeClassifier(seeded);
            net->to(device);
            return std::make_unique<BuiltinModel>(net);
        };
        return m;
    }
    // The user's architecture under the TorchScript contract, its weights replaced by a
    // seeded initialisation (and a fresh head when its classes are not the data's).
    FeatureParams fp;
    fp.model = p.recipe.model;
    fp.datasetSpec = p.datasetSpec;
    fp.datasetName = bundle.name;
    std::string headNote;
    const NoteSink modelNote = [&](const Note& n) { note("evaluation.model", p.recipe.model, n.text); };
    m.input = buildModel(train, fp, device, true, modelNote, headNote).input; // checks the contract before training
    Fingerprint hash;
    hash.addWholeFile(script, "the model");
    m.fileHash = hash.hex();
    m.make = [fp, device, &train](std::uint64_t seed) -> std::unique_ptr<FeatureModel> {
        FeatureParams seeded = fp;
        seeded.seed = seed;
        std::string ignored;
        BuiltModel b = buildModel(
            train, seeded, device, true, [](const Note&) {}, ignored);
        auto& ts = dynamic_cast<TorchScriptModel&>(*b.model);
        ts.reinitialize(seed);
        return std::move(b.model);
    };
    return m;
}

std::string runKey(const EvaluationParams& p, const DatasetBundle& bundle, const EvaluationModel& model,
                   const std::string& contentKey, std::uint64_t seed)
{
    const ModelInput& input = model.input;
    const EvaluationRecipe& r = p.recipe;
    nlohmann::json k;
    k["version"] = kRunKeyVersion;
    k["train"] = bundle.train->fingerprint();
    k["test"] = bundle.test->fingerprint();
    k["subset"] = contentKey;
    k["input"] = {{"channels", input.channels},
                  {"height", input.height},
                  {"width", input.width},
                  {"mean", input.mean},
                  {"std", input.std}};
    k["recipe"] = {{"model", r.model},
                   {"width", r.model == "convnet" ? r.width : 0},
                   {"epochs", r.epochs},
                   {"batch", r.batchSize},
                   {"lr", r.learningRate},
                   {"momentum", r.momentum},
                   {"weight_decay", r.weightDecay},
                   {"nesterov", r.nesterov},
                   {"crop", r.crop},
                   {"flip", r.flip}};
    k["model_file"] = model.fileHash;
    k["seed"] = seed;
    return k.dump();
}

// Every rank's runs to every rank, as the JSON the run cache keeps (numbers round-trip).
void shareRunsAcrossRanks(EvaluationResult& result, const std::function<bool(std::size_t, std::size_t)>& mine,
                          RankGroup& group)
{
    nlohmann::json local = nlohmann::json::array();
    for (std::size_t si = 0; si < result.subsets.size(); ++si)
        for (std::size_t k = 0; k < result.subsets[si].runs.size(); ++k)
            if (mine(si, k))
                local.push_back({{"subset", si},
                                 {"seed", k},
                                 {"run", seedRunJson(result.subsets[si].runs[k])},
                                 {"from_cache", result.subsets[si].runs[k].fromCache}});
    const std::string text = local.dump();
    const std::vector<std::uint8_t> bytes(text.begin(), text.end());
    for (const std::vector<std::uint8_t>& part : group.allGather(bytes, "gathering the evaluation runs")) {
        for (const nlohmann::json& j : nlohmann::json::parse(std::string(part.begin(), part.end()))) {
            SeedRun& run = result.subsets.at(j.at("subset").get<std::size_t>()).runs.at(j.at("seed").get<std::size_t>());
            run = seedRunFrom(j.at("run"));
            run.fromCache = j.at("from_cache").get<bool>();
        }
    }
}

// Where each run (subset x seed, numbered subset * seeds + seed) trains across ranks.
// Whole rounds of one run per rank are dealt out: no communication, and each run is one
// process's, bit for bit. The runs left over train data-parallel on all ranks, each in
// 1/P of a run's time plus one all-reduce of the gradients per step, where that beats
// dealing them out too: at most 3/4 of a round left over, every rank's share of a batch
// at least kMinShare images (smaller shares leave the step to the all-reduce), and a
// network without batch statistics (BatchNorm would normalise each share by itself).
class RunPlacement {
public:
    static constexpr int kMinShare = 16;

    RunPlacement(std::size_t runs, int ranks, int batchSize, bool dataParallelAllowed)
            : ranks_(static_cast<std::size_t>(ranks)), firstShared_(runs)
    {
        const std::size_t left = runs % ranks_;
        if (ranks_ > 1 && dataParallelAllowed && left > 0 && 4 * left <= 3 * ranks_ && batchSize >= kMinShare * ranks)
            firstShared_ = runs - left;
    }
    bool dataParallel(std::size_t run) const { return run >= firstShared_; }
    // The rank that trains the run, or that reports it where all ranks train it.
    int owner(std::size_t run) const { return dataParallel(run) ? 0 : static_cast<int>(run % ranks_); }

private:
    std::size_t ranks_;
    std::size_t firstShared_;
};

// A run trained by all ranks is looked up in rank 0's cache: every rank must train it, or
// none (ranks on other machines see other caches).
std::optional<SeedRun> findOnRankZero(const RunCache& cache, const std::string& key, RankGroup& group)
{
    std::vector<std::uint8_t> bytes;
    if (group.rank() == 0)
        if (const std::optional<SeedRun> run = cache.find(key)) {
            const std::string text = seedRunJson(*run).dump();
            bytes.assign(text.begin(), text.end());
        }
    group.broadcast(bytes, 0, "looking up a run in rank 0's cache");
    if (bytes.empty())
        return std::nullopt;
    SeedRun run = seedRunFrom(nlohmann::json::parse(std::string(bytes.begin(), bytes.end())));
    run.fromCache = true;
    return run;
}

} // namespace

EvaluationResult runEvaluation(const EvaluationParams& p, JobContext& context,
                               const std::function<void(const EpochUpdate&)>& onEpoch)
{
    Progress& progress = context.progress();
    const CancelToken& cancel = context.cancel();
    const auto t0 = std::chrono::steady_clock::now();
    const std::size_t firstNote = context.notes().size();
    checkRecipe(p);
    const DatasetBundle bundle = openDataset(p.datasetSpec);
    const Dataset& train = *bundle.train;
    if (train.kind() != SampleKind::Image)
        throw Error(p.datasetSpec, "holds features, not images: an evaluation trains on images");
    checkTestSplit(bundle, p.datasetSpec);
    const Dataset& test = *bundle.test;
    const std::vector<ResolvedSubset> subsets = resolveSubsets(p, train, context);

    EvaluationResult result;
    auto note = [&](const std::string& code, const std::string& where, const std::string& text) {
        context.note(code, where, text);
    };
    std::string deviceNote;
    const torch::Device device = resolveDevice(p.device, deviceNote);
    if (!deviceNote.empty())
        note("evaluation.device-fallback", p.device, deviceNote);
    const EvaluationModel model = evaluationModel(p, bundle, device, note);

    result.datasetName = bundle.name;
    result.datasetSpec = p.datasetSpec;
    result.trainSize = train.size();
    result.testSize = test.size();
    result.testSplit = test.split();
    result.classNames = train.classNames();
    result.recipe = p.recipe;
    result.seeds = p.seeds;
    result.scoreSeeds = p.scoreSeeds;
    result.device = deviceName(device);
    result.threads = workerThreads();

    RankGroup& group = rankGroup();
    const RunPlacement placement(subsets.size() * p.seeds.size(), group.size(), p.recipe.batchSize,
                                 group.multiProcess() && !keepsBatchStatistics(*model.make(p.seeds[0])));
    auto runIndex = [&](std::size_t subset, std::size_t seed) { return subset * p.seeds.size() + seed; };
    auto shared = [&](std::size_t subset, std::size_t seed) { return placement.dataParallel(runIndex(subset, seed)); };
    auto mine = [&](std::size_t subset, std::size_t seed) {
        return placement.owner(runIndex(subset, seed)) == group.rank();
    };
    std::int64_t total = 0;
    for (std::size_t si = 0; si < subsets.size(); ++si) {
        std::int64_t images = 0;
        for (const std::int64_t c : subsets[si].classCounts)
            images += c;
        for (std::size_t k = 0; k < p.seeds.size(); ++k)
            if (mine(si, k) || shared(si, k))
                total += static_cast<std::int64_t>(p.recipe.epochs) * (images + test.size());
    }
    // The test split is the same for every run and epoch: encoded once when it fits.
    const std::optional<EncodedImages> testImages = encodeInMemory(test, model.input, kInMemoryBytes, cancel);
    progress.setStage("evaluation", total);
    std::int64_t done = 0;
    const RunCache cache((p.cacheDir.empty() ? defaultCacheDir() : p.cacheDir) / "evaluation");

    for (std::size_t si = 0; si < subsets.size(); ++si) {
        const ResolvedSubset& s = subsets[si];
        SubsetResult sr;
        sr.name = s.spec.name;
        sr.kind = s.spec.kind;
        sr.source = s.source;
        sr.classCounts = s.classCounts;
        sr.storedBytes = s.storedBytes;
        if (s.spec.kind != SubsetKind::Random)
            sr.indices = s.indices;
        for (const std::int64_t c : s.classCounts)
            sr.images += c;
        sr.ratio = static_cast<double>(sr.images) / static_cast<double>(train.size());
        for (std::size_t k = 0; k < p.seeds.size(); ++k) {
            cancel.throwIfCancelled();
            const bool allRanks = shared(si, k);
            if (!mine(si, k) && !allRanks) {
                sr.runs.emplace_back(); // another rank's: filled in below
                continue;
            }
            const std::uint64_t seed = p.seeds[k];
            const bool random = s.spec.kind == SubsetKind::Random;
            std::vector<std::int64_t> indices =
                random ? drawLikeCounts(train, s.classCounts, seed, p.trainLimit) : s.indices;
            const std::string content = random ? "random:" + indicesContentKey(indices) : s.contentKey;
            const SubsetDataset data(train, std::move(indices), s.replacement, content);
            const std::string key = runKey(p, bundle, model, content, seed);
            const std::int64_t runImages = static_cast<std::int64_t>(p.recipe.epochs) * (data.size() + test.size());
            std::optional<SeedRun> run = !p.reuseCache ? std::nullopt
                                         : allRanks    ? findOnRankZero(cache, key, group)
                                                       : cache.find(key);
            if (run) {
                done += runImages;
                progress.update(done);
            } else {
                RunSetup setup;
                setup.subset = &data;
                setup.test = &test;
                setup.testImages = testImages ? &*testImages : nullptr;
                setup.input = model.input;
                setup.device = device;
                setup.recipe = p.recipe;
                setup.makeModel = model.make;
                setup.seed = seed;
                setup.label = s.spec.name + " (" + std::to_string(si + 1) + "/" + std::to_string(subsets.size()) +
                              "), seed " + std::to_string(seed);
                if (allRanks) {
                    setup.group = &group;
                    note("evaluation.data-parallel", s.spec.name,
                         "seed " + std::to_string(seed) + " trained data-parallel on " + std::to_string(group.size()) +
                             " ranks: the run of one process up to rounding");
                }
                const std::int64_t before = done;
                run = trainAndTest(setup, progress, done, cancel, [&](const EpochRecord& e) {
                    if (onEpoch)
                        onEpoch({static_cast<int>(si), s.spec.name, seed, e});
                });
                done = before + runImages;
                if (mine(si, k))
                    cache.store(key, *run);
            }
            if (run->fromCache && onEpoch)
                for (const EpochRecord& e : run->epochs)
                    onEpoch({static_cast<int>(si), s.spec.name, seed, e});
            sr.runs.push_back(std::move(*run));
        }
        result.subsets.push_back(std::move(sr));
    }
    if (group.multiProcess())
        shareRunsAcrossRanks(
            result, [&](std::size_t si, std::size_t k) { return mine(si, k); }, group);
    for (SubsetResult& sr : result.subsets) {
        std::vector<double> finals, bests;
        for (const SeedRun& run : sr.runs) {
            finals.push_back(run.finalAccuracy());
            bests.push_back(run.bestAccuracy());
            sr.seconds += run.seconds;
        }
        sr.finalAccuracy = meanStd(finals);
        sr.bestAccuracy = meanStd(bests);
    }
    progress.finishStage();
    result.notes = noteTextsSince(context, firstNote);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return result;
}

} // namespace dq
