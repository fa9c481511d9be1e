#include "pixel/MaeTraining.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "common/Fingerprint.h"
#include "common/Progress.h"
#include "datasets/Dataset.h"
#include "models/internal/BatchLoader.h"
#include "datasets/DatasetPrefix.h"
#include "features/FeatureExtractor.h"
#include "models/ModelInput.h"
#include "models/internal/Device.h"
#include "models/internal/DeviceProbe.h"
#include "models/internal/DeviceTransfer.h"
#include "models/internal/HostReadPacer.h"
#include "models/internal/ParameterInit.h"
#include "models/internal/SelectionTrainer.h"
#include "pixel/ExpectedGrid.h"
#include "pixel/internal/MaeCheckpoint.h"
#include "common/JobContext.h"

#include <nlohmann/json.hpp>
#include <torch/optim/adamw.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace fs = std::filesystem;
using nlohmann::json;

namespace dq {
namespace {

constexpr int kCacheFormat = 1;
constexpr double kWarmupFraction = 0.05;
constexpr std::uint64_t kMaskStream = 0x4D41454D41534BULL; // "MAEMASK"

// Everything a training run is fixed by, worked out before any training.
struct MaePlan {
    MaeConfig config;
    ModelInput input;
    std::string keyText, key;
    fs::path checkpoint;
};

void validate(const Dataset& data, const MaeTrainParams& p)
{
    if (data.kind() != SampleKind::Image)
        throw FieldError("dataset", "an MAE trains on images; this dataset holds features");
    if (p.epochs <= 0)
        throw FieldError("epochs", "must be at least 1");
    if (p.batchSize <= 0)
        throw FieldError("batch", "must be positive");
    if (!(p.learningRate > 0) || !std::isfinite(p.learningRate))
        throw FieldError("lr", "must be a positive number");
    if (!(p.maskRatio > 0 && p.maskRatio < 1))
        throw FieldError("mask-ratio", "the fraction of patches dropped in training must lie in (0, 1)");
    if (p.limit < 0)
        throw FieldError("limit", "must be 0 (all) or more");
}

MaePlan makePlan(const Dataset& view, const MaeTrainParams& p)
{
    const ImageShape shape = view.imageShape();
    if (shape.channels != 1 && shape.channels != 3)
        throw FieldError("dataset",
                         "an MAE takes gray or RGB images; these have " + std::to_string(shape.channels) + " channels");
    MaePlan plan;
    const int patch = maeConfig(p.config).patchSize;
    plan.config = maeConfig(p.config, maeWorkingSize(shape, patch), shape.channels);
    plan.input = normalizationFor(p.datasetSpec, p.datasetName, shape.channels);
    plan.input.height = plan.input.width = plan.config.imageSize;
    // Recorded even when there is none (pixel / 255 is mean 0, std 1), so that a
    // checkpoint of ours never looks like an official one, trained on ImageNet's.
    plan.config.mean = plan.input.mean;
    plan.config.std = plan.input.std;
    if (plan.config.mean.empty()) {
        plan.config.mean.assign(static_cast<std::size_t>(shape.channels), 0.0f);
        plan.config.std.assign(static_cast<std::size_t>(shape.channels), 1.0f);
    }

    json k;
    k["format"] = kCacheFormat;
    k["fingerprint"] = view.fingerprint();
    k["split"] = view.split();
    k["rows"] = view.size();
    k["config"] = plan.config.describe();
    k["normalization"] = {{"name", plan.input.normalization}, {"mean", plan.input.mean}, {"std", plan.input.std}};
    k["training"] = {{"epochs", p.epochs},
                     {"batch", p.batchSize},
                     {"lr", p.learningRate},
                     {"mask_ratio", p.maskRatio},
                     {"seed", p.seed},
                     {"optimizer", "adamw 0.9 0.95 wd 0.05"},
                     {"schedule", "warmup 5%, cosine"},
                     {"shuffle", "splitmix64-fisher-yates"}};
    plan.keyText = k.dump();
    Fingerprint fp;
    fp.add(plan.keyText);
    plan.key = fp.hex();
    plan.checkpoint = (p.cacheDir.empty() ? defaultCacheDir() : p.cacheDir) / "mae" / (plan.key + ".pth");
    return plan;
}

// The cached checkpoint's record when the file is ours and was made from `keyText`.
std::optional<MaeTrainingRecord> cachedRecord(const MaePlan& plan, JobContext* context)
{
    std::error_code ec;
    if (!fs::is_regular_file(plan.checkpoint, ec))
        return std::nullopt;
    const std::string where = plan.checkpoint.string();
    try {
        MaeTrainingRecord r = readMaeTrainingRecord(plan.checkpoint);
        if (r.cacheKeyText == plan.keyText)
            return r;
        if (context)
            context->note("pixel.mae-cache-repaired", where,
                          where + ": cached MAE made from other settings; training again");
    } catch (const std::exception& e) {
        if (context)
            context->note("pixel.mae-cache-repaired", where,
                          std::string("unreadable cached MAE, training again: ") + e.what());
    }
    return std::nullopt;
}

void fillResult(MaeTrainResult& r, const MaePlan& plan, const MaeTrainingRecord& record)
{
    r.checkpoint = plan.checkpoint;
    r.cacheKey = plan.key;
    r.epochLoss = record.epochLoss;
    r.seconds = record.seconds;
    r.imagesPerSecond = record.imagesPerSecond;
    r.device = record.device;
    r.configName = plan.config.name;
    r.imageSize = plan.config.imageSize;
    r.patchSize = plan.config.patchSize;
    r.channels = plan.config.channels;
    r.mean = plan.config.mean;
    r.std = plan.config.std;
}

// timm's add_weight_decay as the official pre-training uses it: no decay for 1-D
// parameters (biases, norms); the fixed position embeddings are not trained at all.
std::vector<torch::optim::OptimizerParamGroup> parameterGroups(MaeModel& model, double lr)
{
    std::vector<torch::Tensor> decay, noDecay;
    for (const auto& p : model->parameters())
        if (p.requires_grad())
            (p.dim() <= 1 ? noDecay : decay).push_back(p);
    const auto options = [lr](double wd) {
        return std::make_unique<torch::optim::AdamWOptions>(
            torch::optim::AdamWOptions(lr).betas({0.9, 0.95}).weight_decay(wd));
    };
    std::vector<torch::optim::OptimizerParamGroup> groups;
    groups.emplace_back(decay, options(0.05));
    groups.emplace_back(noDecay, options(0.0));
    return groups;
}

double learningRateAt(double peak, std::int64_t step, std::int64_t total)
{
    const auto warmup = std::max<std::int64_t>(1, std::llround(kWarmupFraction * static_cast<double>(total)));
    if (step < warmup)
        return peak * static_cast<double>(step + 1) / static_cast<double>(warmup);
    const double t = static_cast<double>(step - warmup) / static_cast<double>(std::max<std::int64_t>(1, total - warmup));
    return peak * 0.5 * (1.0 + std::cos(M_PI * std::min(1.0, t)));
}

MaeTrainingRecord train(const Dataset& view, const MaePlan& plan, const MaeTrainParams& p, const torch::Device& device,
                        Progress& progress, const CancelToken& cancel)
{
    const auto t0 = std::chrono::steady_clock::now();
    MaeModel model(plan.config, p.seed);
    model->to(device);
    model->train();
    torch::optim::AdamW optimizer(parameterGroups(model, p.learningRate));
    at::Generator masks = seededGenerator(p.seed ^ kMaskStream);
    const std::int64_t n = view.size();
    const std::int64_t batches = (n + p.batchSize - 1) / p.batchSize;
    const std::int64_t steps = batches * p.epochs;
    MaeTrainingRecord record;
    std::int64_t step = 0, done = 0;
    progress.setStage("mae training", n * p.epochs);
    for (int epoch = 0; epoch < p.epochs; ++epoch) {
        BatchLoader loader(view, trainingOrder(n, p.seed, epoch), p.batchSize, plan.input, cancel, device);
        // Summed on the device in double and read back only for the progress line and at
        // the end of the epoch: a read per batch would stall a GPU on every step.
        torch::Tensor lossSum = torch::zeros({}, torch::TensorOptions().dtype(torch::kDouble).device(device));
        HostReadPacer pacer(device);
        std::int64_t count = 0;
        ImageBatch batch;
        auto checkedSum = [&] {
            probeHostRead("mae training");
            const double sum = lossSum.item<double>();
            if (!std::isfinite(sum))
                throw FieldError("lr", "the MAE training loss became " + std::to_string(sum) + " in epoch " +
                                           std::to_string(epoch + 1) + "; try a lower learning rate");
            return sum;
        };
        while (loader.next(batch)) {
            cancel.throwIfCancelled();
            for (auto& group : optimizer.param_groups())
                static_cast<torch::optim::AdamWOptions&>(group.options()).lr(learningRateAt(p.learningRate, step, steps));
            const torch::Tensor x = toDevice(batch.images, device);
            probeTensor("mae training", x);
            const MaeOutput out = model->forwardRandomMasking(x, p.maskRatio, masks);
            optimizer.zero_grad();
            out.loss.backward();
            if (probeActive())
                for (const torch::Tensor& w : model->parameters())
                    probeTensor("mae optimizer step", w.grad().defined() ? w.grad() : w);
            optimizer.step();
            lossSum += out.loss.detach().to(torch::kDouble);
            ++count;
            ++step;
            done += static_cast<std::int64_t>(batch.indices.size());
            if (pacer.due()) {
                checkedSum();
                char detail[80];
                std::snprintf(detail, sizeof detail, "epoch %d/%d, loss %.4f", epoch + 1, p.epochs, out.loss.item<double>());
                progress.setDetail(detail);
            }
            progress.update(done);
        }
        const double lossTotal = checkedSum();
        record.epochLoss.push_back(count > 0 ? lossTotal / static_cast<double>(count) : 0.0);
    }
    cancel.throwIfCancelled();
    progress.finishStage();
    record.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    record.imagesPerSecond = record.seconds > 0 ? static_cast<double>(done) / record.seconds : 0.0;
    record.device = deviceName(device);
    record.cacheKeyText = plan.keyText;
    model->to(torch::kCPU);
    fs::create_directories(plan.checkpoint.parent_path());
    saveMae(model, plan.checkpoint, record);
    return record;
}

} // namespace

std::optional<fs::path> findCachedMae(const Dataset& data, const MaeTrainParams& params)
{
    validate(data, params);
    const DatasetPrefix view(data, params.limit);
    const MaePlan plan = makePlan(view, params);
    if (cachedRecord(plan, nullptr))
        return plan.checkpoint;
    return std::nullopt;
}

MaeTrainResult trainMae(const Dataset& data, const MaeTrainParams& p, JobContext& context)
{
    MaeTrainResult r;
    validate(data, p);
    std::string deviceNote;
    const torch::Device device = resolveDevice(p.device, deviceNote); // a bad device is an error even when cached
    const DatasetPrefix view(data, p.limit);
    if (view.size() == 0)
        throw FieldError("dataset", "no images to train the MAE on");
    const MaePlan plan = makePlan(view, p);
    if (p.reuseCache) {
        if (const auto record = cachedRecord(plan, &context)) {
            fillResult(r, plan, *record);
            r.fromCache = true;
            return r;
        }
    }
    if (!deviceNote.empty())
        context.note("pixel.device-fallback", p.device, deviceNote);
    fillResult(r, plan, train(view, plan, p, device, context.progress(), context.cancel()));
    return r;
}

} // namespace dq
