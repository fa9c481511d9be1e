#include "evaluation/internal/EvaluationTrainer.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "common/Progress.h"
#include "datasets/Dataset.h"
#include "distributed/RankGroup.h"
#include "evaluation/internal/RandomAugmentation.h"
#include "models/internal/BatchLoader.h"
#include "models/internal/DataParallel.h"
#include "models/internal/DeviceProbe.h"
#include "models/internal/DeviceTransfer.h"
#include "models/internal/FeatureModel.h"
#include "models/internal/SelectionTrainer.h"
#include "submodular/internal/SeededRandom.h"

#include <c10/core/InferenceMode.h>
#include <torch/nn/functional/loss.h>
#include <torch/optim/sgd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace dq {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kTestBatch = 500;

std::uint64_t augmentationStream(int epoch) { return 0x4155474DULL * 1000 + static_cast<std::uint64_t>(epoch); } // "AUGM"

// The normalised value of a black pixel per channel: what padding the raw image gives.
std::vector<float> blackPixel(const ModelInput& input)
{
    std::vector<float> fill(static_cast<std::size_t>(input.channels), 0.0f);
    if (input.mean.empty())
        return fill;
    for (std::size_t c = 0; c < fill.size(); ++c)
        fill[c] = -input.mean[c] / input.std[c];
    return fill;
}

torch::Tensor summedCrossEntropy(const torch::Tensor& logits, const torch::Tensor& labels)
{
    namespace F = torch::nn::functional;
    return F::cross_entropy(logits, labels, F::CrossEntropyFuncOptions().reduction(torch::kSum));
}

// Where a rank's share of a batch lies in the whole batch.
struct BatchShare {
    std::int64_t size = 0; // the whole batch's
    std::int64_t begin = 0, end = 0; // this rank's rows
};

// One epoch's batches in a given order: sliced from images encoded in memory, or decoded
// on a producer thread (BatchLoader). Both give the same tensors. Across ranks each gives
// this rank's contiguous share of every batch (possibly none), and decodes only that.
class EpochBatches {
public:
    EpochBatches(const Dataset& data, const EncodedImages* encoded, std::vector<std::int64_t> order, int batchSize,
                 const ModelInput& input, const torch::Device& device, const CancelToken& cancel, int rank = 0,
                 int ranks = 1)
            : encoded_(encoded), order_(std::move(order)), batchSize_(batchSize), rank_(rank), ranks_(ranks), input_(input)
    {
        if (encoded_)
            return;
        // Every full batch's share has the same length and the last one's is no longer, so the
        // loader's batches of that length are the shares in turn.
        const auto [b, e] = shardRange(batchSize_, rank_, ranks_);
        std::vector<std::int64_t> mine;
        for (std::size_t at = 0; at < order_.size(); at += static_cast<std::size_t>(batchSize_)) {
            const BatchShare share = shareAt(at);
            mine.insert(mine.end(), order_.begin() + static_cast<std::ptrdiff_t>(at + share.begin),
                        order_.begin() + static_cast<std::ptrdiff_t>(at + share.end));
        }
        if (e > b)
            loader_ = std::make_unique<BatchLoader>(data, std::move(mine), static_cast<int>(e - b), input, cancel, device);
    }

    bool next(torch::Tensor& images, torch::Tensor& labels)
    {
        BatchShare whole;
        return next(images, labels, whole);
    }

    bool next(torch::Tensor& images, torch::Tensor& labels, BatchShare& share)
    {
        if (next_ >= order_.size())
            return false;
        share = shareAt(next_);
        if (share.end == share.begin) {
            images = torch::empty({0, input_.channels, input_.height, input_.width}, torch::kFloat);
            labels = torch::empty({0}, torch::kLong);
        } else if (loader_) {
            ImageBatch b;
            if (!loader_->next(b))
                throw Error("evaluation", "a rank's batches ended before the epoch's");
            images = b.images;
            labels = b.labels;
        } else {
            const torch::Tensor idx =
                torch::from_blob(order_.data() + next_ + share.begin, {share.end - share.begin}, torch::kLong);
            images = encoded_->images.index_select(0, idx);
            labels = encoded_->labels.index_select(0, idx);
        }
        next_ += static_cast<std::size_t>(share.size);
        return true;
    }

private:
    BatchShare shareAt(std::size_t at) const
    {
        BatchShare s;
        s.size = static_cast<std::int64_t>(std::min(order_.size() - at, static_cast<std::size_t>(batchSize_)));
        std::tie(s.begin, s.end) = shardRange(s.size, rank_, ranks_);
        return s;
    }

    const EncodedImages* encoded_;
    std::vector<std::int64_t> order_;
    int batchSize_;
    int rank_, ranks_;
    ModelInput input_;
    std::size_t next_ = 0;
    std::unique_ptr<BatchLoader> loader_;
};

std::vector<std::int64_t> allIndices(std::int64_t n)
{
    std::vector<std::int64_t> v(static_cast<std::size_t>(n));
    std::iota(v.begin(), v.end(), 0);
    return v;
}

struct TestFigures {
    double loss = 0, accuracy = 0;
};

// The test split's loss and accuracy. Across ranks each tests a contiguous shard and the
// sums are added up (the counts exactly, the loss up to rounding).
TestFigures test(FeatureModel& net, const Dataset& data, const EncodedImages* encoded, const ModelInput& input,
                 const torch::Device& device, RankGroup* group, Progress& progress, std::int64_t& done,
                 const CancelToken& cancel)
{
    net.setTraining(false);
    c10::InferenceMode guard;
    const auto [begin, end] = group ? shardRange(data.size(), group->rank(), group->size())
                                    : std::pair<std::int64_t, std::int64_t>(0, data.size());
    std::vector<std::int64_t> shard(static_cast<std::size_t>(end - begin));
    std::iota(shard.begin(), shard.end(), begin);
    EpochBatches batches(data, encoded, std::move(shard), kTestBatch, input, device, cancel);
    torch::Tensor lossSum = torch::zeros({}, torch::TensorOptions().dtype(torch::kDouble).device(device));
    torch::Tensor correct = torch::zeros({}, torch::TensorOptions().dtype(torch::kLong).device(device));
    torch::Tensor images, labels;
    while (batches.next(images, labels)) {
        cancel.throwIfCancelled();
        const torch::Tensor x = toDevice(images, device);
        const torch::Tensor y = toDevice(labels, device);
        probeTensor("evaluation test", x);
        probeTensor("evaluation test", y);
        const torch::Tensor logits = net.run(x, false).logits;
        lossSum += summedCrossEntropy(logits, y).to(torch::kDouble);
        correct += logits.argmax(1).eq(y).sum();
        done += images.size(0);
        progress.update(done);
    }
    std::vector<double> sums{lossSum.item<double>(), static_cast<double>(correct.item<std::int64_t>())};
    if (group)
        group->allReduceSum(sums, "adding up the test split's figures");
    const double n = static_cast<double>(data.size());
    return {sums[0] / n, sums[1] / n};
}

} // namespace

std::optional<EncodedImages> encodeInMemory(const Dataset& data, const ModelInput& input, std::int64_t budgetBytes,
                                            const CancelToken& cancel)
{
    const std::int64_t perImage = static_cast<std::int64_t>(input.channels) * input.height * input.width;
    if (data.size() * perImage * static_cast<std::int64_t>(sizeof(float)) > budgetBytes)
        return std::nullopt;
    EncodedImages e;
    e.images = torch::empty({data.size(), input.channels, input.height, input.width}, torch::kFloat);
    e.labels = torch::empty({data.size()}, torch::kLong);
    BatchLoader loader(data, allIndices(data.size()), 1024, input, cancel);
    ImageBatch b;
    std::int64_t at = 0;
    while (loader.next(b)) {
        const std::int64_t n = b.images.size(0);
        e.images.narrow(0, at, n).copy_(b.images);
        e.labels.narrow(0, at, n).copy_(b.labels);
        at += n;
    }
    return e;
}

const std::vector<std::string>& evaluationModels()
{
    static const std::vector<std::string> names = {"convnet", "resnet18"};
    return names;
}

SeedRun trainAndTest(const RunSetup& s, Progress& progress, std::int64_t& done, const CancelToken& cancel,
                     const std::function<void(const EpochRecord&)>& onEpoch)
{
    const auto t0 = std::chrono::steady_clock::now();
    const EvaluationRecipe& r = s.recipe;
    std::unique_ptr<FeatureModel> net = s.makeModel(s.seed);

    torch::optim::SGD optimizer(
        net->parameters(),
        torch::optim::SGDOptions(r.learningRate).momentum(r.momentum).nesterov(r.nesterov).weight_decay(r.weightDecay));
    auto& groupOptions = static_cast<torch::optim::SGDOptions&>(optimizer.param_groups()[0].options());
    const std::int64_t n = s.subset->size();
    const std::int64_t stepsPerEpoch = (n + r.batchSize - 1) / r.batchSize;
    const std::int64_t totalSteps = stepsPerEpoch * r.epochs;
    const std::vector<float> fill = blackPixel(s.input);
    const int pad = cropPadding(s.input.height, s.input.width);
    const std::optional<EncodedImages> subsetImages = encodeInMemory(*s.subset, s.input, kInMemoryBytes, cancel);

    RankGroup* group = s.group && s.group->multiProcess() ? s.group : nullptr;
    const int rank = group ? group->rank() : 0, ranks = group ? group->size() : 1;
    SeedRun run;
    run.seed = s.seed;
    std::int64_t step = 0;
    double lastLoss = NAN;
    for (int epoch = 0; epoch < r.epochs; ++epoch) {
        std::string detail = s.label + ", epoch " + std::to_string(epoch + 1) + "/" + std::to_string(r.epochs);
        if (!std::isnan(lastLoss)) {
            char loss[32];
            std::snprintf(loss, sizeof loss, ", last loss %.4f", lastLoss);
            detail += loss;
        }
        progress.setDetail(detail);
        net->setTraining(true);
        SeededRandom augment(s.seed, augmentationStream(epoch));
        EpochBatches batches(*s.subset, subsetImages ? &*subsetImages : nullptr, trainingOrder(n, s.seed, epoch),
                             r.batchSize, s.input, s.device, cancel, rank, ranks);
        // Summed on the device and read once per epoch: no host sync inside the loop.
        torch::Tensor lossSum = torch::zeros({}, torch::TensorOptions().dtype(torch::kDouble).device(s.device));
        torch::Tensor images, labels;
        BatchShare share;
        while (batches.next(images, labels, share)) {
            cancel.throwIfCancelled();
            groupOptions.lr(0.5 * r.learningRate *
                            (1.0 + std::cos(kPi * static_cast<double>(step) / static_cast<double>(totalSteps))));
            // Augmented on the CPU (its random stream is the CPU's), then copied non-blocking;
            // a share draws as its rows do in the whole batch.
            skipAugmentation(share.begin, pad, r.crop, r.flip, augment);
            const torch::Tensor x = toDevice(augmentBatch(images, fill, pad, r.crop, r.flip, augment), s.device);
            skipAugmentation(share.size - share.end, pad, r.crop, r.flip, augment);
            const torch::Tensor y = toDevice(labels, s.device);
            probeTensor("evaluation training", x);
            probeTensor("evaluation training", y);
            optimizer.zero_grad();
            if (group) {
                // The share's loss summed over the whole batch's size: the ranks' gradients add
                // up to the batch's mean gradient.
                if (share.end > share.begin) {
                    const torch::Tensor loss =
                        summedCrossEntropy(net->run(x, false).logits, y) / static_cast<double>(share.size);
                    loss.backward();
                    lossSum += loss.detach().to(torch::kDouble) * static_cast<double>(share.size);
                }
                sumGradientsAcrossRanks(*net, *group);
            } else {
                const torch::Tensor loss = torch::nn::functional::cross_entropy(net->run(x, false).logits, y);
                loss.backward();
                lossSum += loss.detach().to(torch::kDouble) * static_cast<double>(images.size(0));
            }
            if (probeActive())
                for (const torch::Tensor& w : net->parameters())
                    probeTensor("evaluation optimizer step", w.grad().defined() ? w.grad() : w);
            optimizer.step();
            ++step;
            done += share.size;
            progress.update(done);
        }
        EpochRecord rec;
        rec.epoch = epoch + 1;
        std::vector<double> trainLoss{lossSum.item<double>()};
        if (group)
            group->allReduceSum(trainLoss, "adding up an epoch's training loss");
        rec.trainLoss = trainLoss[0] / static_cast<double>(n);
        if (!std::isfinite(rec.trainLoss))
            throw FieldError("lr", "the training loss became " + std::to_string(rec.trainLoss) + " in epoch " +
                                       std::to_string(epoch + 1) + " (" + s.label + "): try a smaller learning rate");
        lastLoss = rec.trainLoss;
        const TestFigures t = test(*net, *s.test, s.testImages, s.input, s.device, group, progress, done, cancel);
        rec.testLoss = t.loss;
        rec.testAccuracy = t.accuracy;
        run.epochs.push_back(rec);
        if (onEpoch)
            onEpoch(rec);
    }
    run.steps = step;
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return run;
}

} // namespace dq
