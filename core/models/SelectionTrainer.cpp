#include "models/SelectionTrainer.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "datasets/Dataset.h"
#include "distributed/RankGroup.h"
#include "features/BatchLoader.h"
#include "models/DataParallel.h"
#include "submodular/SeededRandom.h"

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

double singleStep(FeatureModel& model, torch::optim::Optimizer& optimizer, const torch::Tensor& x,
                  const torch::Tensor& y, const ImageBatch& batch, TrainingReport& report)
{
    const torch::Tensor logits = model.run(x, false).logits;
    recordPresentations(logits, batch, report.dynamics);
    const torch::Tensor loss = torch::nn::functional::cross_entropy(logits, y);
    loss.backward();
    optimizer.step();
    return loss.item<double>();
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
        throw Error("--epochs", "training needs a labelled dataset");
    for (std::int64_t i = 0; i < n; ++i)
        if (dataset.label(i) < 0)
            throw Error("--epochs", "training needs a label for every sample; " + describeImage(dataset, i) +
                                        " has none");
    TrainingReport report;
    report.dynamics = TrainingDynamics(n);
    RankGroup& group = rankGroup();
    torch::optim::SGD optimizer(model.parameters(), torch::optim::SGDOptions(p.learningRate)
                                                        .momentum(p.momentum)
                                                        .nesterov(p.nesterov)
                                                        .weight_decay(p.weightDecay));
    model.setTraining(true);
    progress.setStage("training", static_cast<std::int64_t>(p.epochs) * n);
    std::int64_t done = 0;
    for (int epoch = 0; epoch < p.epochs; ++epoch) {
        BatchLoader loader(dataset, trainingOrder(n, p.seed, epoch), p.batchSize, input, cancel);
        const std::int64_t batches = loader.batchCount();
        double lossSum = 0;
        std::int64_t batchIndex = 0;
        ImageBatch batch;
        while (loader.next(batch)) {
            cancel.throwIfCancelled();
            const torch::Tensor x = batch.images.to(device, true);
            const torch::Tensor y = batch.labels.to(device, true);
            optimizer.zero_grad();
            if (model.classCount() <= batch.labels.max().item<std::int64_t>())
                throw Error("--epochs", "the model has " + std::to_string(model.classCount()) +
                                            " classes but the data has labels up to " +
                                            std::to_string(batch.labels.max().item<std::int64_t>()));
            const double l = group.multiProcess() ? dataParallelStep(model, optimizer, x, y, batch, group, report)
                                                  : singleStep(model, optimizer, x, y, batch, report);
            if (!std::isfinite(l))
                throw Error("--epochs", "the training loss became " + std::to_string(l) + " in epoch " +
                                            std::to_string(epoch + 1));
            lossSum += l;
            ++batchIndex;
            done += static_cast<std::int64_t>(batch.indices.size());
            report.images += static_cast<std::int64_t>(batch.indices.size());
            char detail[96];
            std::snprintf(detail, sizeof detail, "epoch %d/%d, batch %lld/%lld, loss %.4f", epoch + 1, p.epochs,
                          static_cast<long long>(batchIndex), static_cast<long long>(batches), l);
            progress.setDetail(detail);
            progress.update(done);
        }
        report.epochLoss.push_back(batchIndex > 0 ? lossSum / static_cast<double>(batchIndex) : 0.0);
    }
    progress.finishStage();
    model.setTraining(false);
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return report;
}

} // namespace dq
