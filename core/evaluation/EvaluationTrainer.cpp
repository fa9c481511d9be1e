#include "evaluation/EvaluationTrainer.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "datasets/Dataset.h"
#include "evaluation/RandomAugmentation.h"
#include "features/BatchLoader.h"
#include "models/FeatureModel.h"
#include "models/SelectionTrainer.h"
#include "submodular/SeededRandom.h"

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

struct TestFigures {
    double loss = 0, accuracy = 0;
};

TestFigures test(FeatureModel& net, const Dataset& data, const ModelInput& input, const torch::Device& device,
                 Progress& progress, std::int64_t& done, const CancelToken& cancel)
{
    net.setTraining(false);
    c10::InferenceMode guard;
    std::vector<std::int64_t> order(static_cast<std::size_t>(data.size()));
    std::iota(order.begin(), order.end(), 0);
    BatchLoader loader(data, std::move(order), kTestBatch, input, cancel);
    torch::Tensor lossSum = torch::zeros({}, torch::TensorOptions().dtype(torch::kDouble).device(device));
    torch::Tensor correct = torch::zeros({}, torch::TensorOptions().dtype(torch::kLong).device(device));
    ImageBatch batch;
    while (loader.next(batch)) {
        cancel.throwIfCancelled();
        const torch::Tensor x = batch.images.to(device, true);
        const torch::Tensor y = batch.labels.to(device, true);
        const torch::Tensor logits = net.run(x, false).logits;
        lossSum += torch::nn::functional::cross_entropy(
                       logits, y, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
                       .to(torch::kDouble);
        correct += logits.argmax(1).eq(y).sum();
        done += static_cast<std::int64_t>(batch.indices.size());
        progress.update(done);
    }
    const double n = static_cast<double>(data.size());
    return {lossSum.item<double>() / n, static_cast<double>(correct.item<std::int64_t>()) / n};
}

} // namespace

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

    torch::optim::SGD optimizer(net->parameters(), torch::optim::SGDOptions(r.learningRate)
                                                       .momentum(r.momentum)
                                                       .nesterov(r.nesterov)
                                                       .weight_decay(r.weightDecay));
    auto& groupOptions = static_cast<torch::optim::SGDOptions&>(optimizer.param_groups()[0].options());
    const std::int64_t n = s.subset->size();
    const std::int64_t stepsPerEpoch = (n + r.batchSize - 1) / r.batchSize;
    const std::int64_t totalSteps = stepsPerEpoch * r.epochs;
    const std::vector<float> fill = blackPixel(s.input);
    const int pad = cropPadding(s.input.height, s.input.width);

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
        BatchLoader loader(*s.subset, trainingOrder(n, s.seed, epoch), r.batchSize, s.input, cancel);
        // Summed on the device and read once per epoch: no host sync inside the loop.
        torch::Tensor lossSum = torch::zeros({}, torch::TensorOptions().dtype(torch::kDouble).device(s.device));
        ImageBatch batch;
        while (loader.next(batch)) {
            cancel.throwIfCancelled();
            groupOptions.lr(0.5 * r.learningRate *
                            (1.0 + std::cos(kPi * static_cast<double>(step) / static_cast<double>(totalSteps))));
            const torch::Tensor x = augmentBatch(batch.images, fill, pad, r.crop, r.flip, augment).to(s.device, true);
            const torch::Tensor y = batch.labels.to(s.device, true);
            optimizer.zero_grad();
            const torch::Tensor loss = torch::nn::functional::cross_entropy(net->run(x, false).logits, y);
            loss.backward();
            optimizer.step();
            lossSum += loss.detach().to(torch::kDouble) * static_cast<double>(batch.indices.size());
            ++step;
            done += static_cast<std::int64_t>(batch.indices.size());
            progress.update(done);
        }
        EpochRecord rec;
        rec.epoch = epoch + 1;
        rec.trainLoss = lossSum.item<double>() / static_cast<double>(n);
        if (!std::isfinite(rec.trainLoss))
            throw Error("--lr", "the training loss became " + std::to_string(rec.trainLoss) + " in epoch " +
                                    std::to_string(epoch + 1) + " (" + s.label + "): try a smaller learning rate");
        lastLoss = rec.trainLoss;
        const TestFigures t = test(*net, *s.test, s.input, s.device, progress, done, cancel);
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
