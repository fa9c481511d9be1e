#include "models/internal/SelectionTrainer.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "common/Progress.h"
#include "datasets/Dataset.h"
#include "distributed/RankGroup.h"
#include "models/internal/BatchLoader.h"
#include "models/internal/DataParallel.h"
#include "models/internal/DeviceProbe.h"
#include "models/internal/DeviceTransfer.h"
#include "models/internal/HostReadPacer.h"
#include "submodular/internal/SeededRandom.h"

#include <torch/nn/functional/loss.h>
#include <torch/optim/sgd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace dq {

std::uint64_t trainingShuffleStream(int epoch)
{
    return 0x5452414953ULL + static_cast<std::uint64_t>(epoch); // "TRAIS" + epoch
}

std::vector<std::int64_t> trainingOrder(std::int64_t count, std::uint64_t seed, int epoch)
{
    std::vector<std::int64_t> order(static_cast<std::size_t>(count));
    std::iota(order.begin(), order.end(), 0);
    SeededRandom rng(seed, trainingShuffleStream(epoch));
    for (std::int64_t i = count - 1; i > 0; --i) {
        const auto j = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(i) + 1));
        std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(j)]);
    }
    return order;
}

namespace {

// Forgetting and AUM need, per presentation, whether the arg-max was the label and the
// label's logit minus the largest other one (Toneva et al.; Pleiss et al.).
void recordPresentations(const torch::Tensor& logits, const ImageBatch& batch, TrainingDynamics& into)
{
    const torch::Tensor z = logits.detach().to(torch::kCPU).to(torch::kFloat).contiguous();
    const torch::Tensor y = batch.labels.to(torch::kCPU).contiguous();
    const float* zp = z.data_ptr<float>();
    const std::int64_t* yp = y.data_ptr<std::int64_t>();
    const std::int64_t classes = z.size(1);
    for (std::int64_t r = 0; r < z.size(0); ++r) {
        const float* row = zp + r * classes;
        const std::int64_t label = yp[r];
        std::int64_t top = 0;
        float other = -INFINITY;
        for (std::int64_t c = 0; c < classes; ++c) {
            if (row[c] > row[top])
                top = c;
            if (c != label)
                other = std::max(other, row[c]);
        }
        into.record(batch.indices[static_cast<std::size_t>(r)], top == label, row[label] - other);
    }
}

// One process's presentations, computed on the training device and kept there until the
// next host read (recordPending): a copy per batch would stall a GPU on every step.
struct PendingPresentations {
    torch::Tensor correct; // bool, one per row
    torch::Tensor margin; // float
    std::vector<std::int64_t> indices;
};

PendingPresentations presentations(const torch::Tensor& logits, const torch::Tensor& labels,
                                   const std::vector<std::int64_t>& indices)
{
    const torch::Tensor z = logits.detach().to(torch::kFloat);
    const torch::Tensor y = labels.view({-1, 1});
    const torch::Tensor labelLogit = z.gather(1, y).squeeze(1);
    const torch::Tensor otherMax = std::get<0>(z.scatter(1, y, -INFINITY).max(1)); // -inf with one class
    // argmax returns the first of equal maxima, as recordPresentations' loop does.
    return {z.argmax(1).eq(labels), labelLogit - otherMax, indices};
}

void recordPending(std::vector<PendingPresentations>& pending, TrainingDynamics& into)
{
    for (const PendingPresentations& p : pending) {
        const torch::Tensor correct = p.correct.to(torch::kCPU).contiguous();
        const torch::Tensor margin = p.margin.to(torch::kCPU).contiguous();
        const bool* c = correct.data_ptr<bool>();
        const float* m = margin.data_ptr<float>();
        for (std::size_t r = 0; r < p.indices.size(); ++r)
            into.record(p.indices[r], c[r], m[r]);
    }
    pending.clear();
}

// The step's loss, left on the device (the caller reads it when the progress is due).
torch::Tensor singleStep(FeatureModel& model, torch::optim::Optimizer& optimizer, const torch::Tensor& x,
                         const torch::Tensor& y, const ImageBatch& batch, std::vector<PendingPresentations>& pending)
{
    const torch::Tensor logits = model.run(x, false).logits;
    pending.push_back(presentations(logits, y, batch.indices));
    const torch::Tensor loss = torch::nn::functional::cross_entropy(logits, y);
    loss.backward();
    if (probeActive())
        for (const torch::Tensor& w : model.parameters())
            probeTensor("selection optimizer step", w.grad().defined() ? w.grad() : w);
    optimizer.step();
    return loss.detach().to(torch::kDouble);
}

// Across ranks: each rank runs a contiguous share of the batch; the shares' loss sums over
// the whole batch's size add up to its mean loss, and the summed gradients to its gradient.
// Every rank records every presentation (the shares' logits are gathered), so the training
// dynamics are one process's too.
double dataParallelStep(FeatureModel& model, torch::optim::Optimizer& optimizer, const torch::Tensor& x,
                        const torch::Tensor& y, const ImageBatch& batch, RankGroup& group, TrainingReport& report)
{
    const std::int64_t size = x.size(0);
    const auto [begin, end] = shardRange(size, group.rank(), group.size());
    std::vector<float> mine;
    std::vector<double> lossSum{0.0};
    if (end > begin) {
        const torch::Tensor logits = model.run(x.slice(0, begin, end), false).logits;
        const torch::Tensor loss =
            torch::nn::functional::cross_entropy(logits, y.slice(0, begin, end),
                                                 torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum)) /
            static_cast<double>(size);
        loss.backward();
        lossSum[0] = loss.item<double>();
        const torch::Tensor z = logits.detach().to(torch::kCPU).to(torch::kFloat).contiguous();
        mine.assign(z.data_ptr<float>(), z.data_ptr<float>() + z.numel());
    }
    sumGradientsAcrossRanks(model, group);
    optimizer.step();
    averageRunningStatistics(model, group);
    std::vector<float> all;
    for (const std::vector<float>& part : group.allGatherVectors(mine, "gathering a training batch's logits"))
        all.insert(all.end(), part.begin(), part.end());
    const torch::Tensor logits = torch::from_blob(all.data(), {size, model.classCount()}, torch::kFloat);
    recordPresentations(logits, batch, report.dynamics);
    group.allReduceSum(lossSum, "summing a training batch's loss");
    return lossSum[0];
}

} // namespace

TrainingReport trainSelectionModel(FeatureModel& model, const Dataset& dataset, const ModelInput& input,
                                   const torch::Device& device, const TrainingParams& p, Progress& progress,
                                   const CancelToken& cancel)
{
    const auto t0 = std::chrono::steady_clock::now();
    const std::int64_t n = dataset.size();
    if (dataset.classCount() == 0)
        throw FieldError("epochs", "training needs a labelled dataset");
    for (std::int64_t i = 0; i < n; ++i)
        if (dataset.label(i) < 0)
            throw FieldError("epochs",
                             "training needs a label for every sample; " + describeImage(dataset, i) + " has none");
    TrainingReport report;
    report.dynamics = TrainingDynamics(n);
    RankGroup& group = rankGroup();
    torch::optim::SGD optimizer(
        model.parameters(),
        torch::optim::SGDOptions(p.learningRate).momentum(p.momentum).nesterov(p.nesterov).weight_decay(p.weightDecay));
    model.setTraining(true);
    progress.setStage("training", static_cast<std::int64_t>(p.epochs) * n);
    std::int64_t done = 0;
    for (int epoch = 0; epoch < p.epochs; ++epoch) {
        BatchLoader loader(dataset, trainingOrder(n, p.seed, epoch), p.batchSize, input, cancel, device);
        const std::int64_t batches = loader.batchCount();
        // The loss is summed on the device in double, batch by batch as before, and read
        // back only when the progress line is due and at the end of the epoch.
        torch::Tensor lossSum = torch::zeros({}, torch::TensorOptions().dtype(torch::kDouble).device(device));
        std::vector<PendingPresentations> pending;
        HostReadPacer pacer(device);
        std::int64_t batchIndex = 0;
        ImageBatch batch;
        auto readBack = [&](const torch::Tensor& lastLoss) {
            probeHostRead("selection training");
            recordPending(pending, report.dynamics);
            const double sum = lossSum.item<double>();
            if (!std::isfinite(sum))
                throw Error("selection training",
                            "the training loss became " + std::to_string(sum) + " in epoch " + std::to_string(epoch + 1));
            return lastLoss.defined() ? lastLoss.item<double>() : 0.0;
        };
        while (loader.next(batch)) {
            cancel.throwIfCancelled();
            const torch::Tensor x = toDevice(batch.images, device);
            const torch::Tensor y = toDevice(batch.labels, device);
            probeTensor("selection training", x);
            probeTensor("selection training", y);
            optimizer.zero_grad();
            if (model.classCount() <= batch.labels.max().item<std::int64_t>())
                throw Error("selection training", "the model has " + std::to_string(model.classCount()) +
                                                      " classes but the data has labels up to " +
                                                      std::to_string(batch.labels.max().item<std::int64_t>()));
            // Across ranks the figures are the host's already (the ranks exchange them).
            const torch::Tensor loss = group.multiProcess()
                                           ? torch::full({}, dataParallelStep(model, optimizer, x, y, batch, group, report),
                                                         torch::TensorOptions().dtype(torch::kDouble).device(device))
                                           : singleStep(model, optimizer, x, y, batch, pending);
            lossSum += loss;
            ++batchIndex;
            done += static_cast<std::int64_t>(batch.indices.size());
            report.images += static_cast<std::int64_t>(batch.indices.size());
            if (pacer.due()) {
                const double l = readBack(loss);
                char detail[96];
                std::snprintf(detail, sizeof detail, "epoch %d/%d, batch %lld/%lld, loss %.4f", epoch + 1, p.epochs,
                              static_cast<long long>(batchIndex), static_cast<long long>(batches), l);
                progress.setDetail(detail);
            }
            progress.update(done);
        }
        readBack(torch::Tensor());
        const double lossTotal = lossSum.item<double>();
        report.epochLoss.push_back(batchIndex > 0 ? lossTotal / static_cast<double>(batchIndex) : 0.0);
    }
    progress.finishStage();
    model.setTraining(false);
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return report;
}

} // namespace dq
