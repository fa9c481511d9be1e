#include "OptionGroups.h"

#include "features/FeatureExtractor.h"
#include "features/FeatureMode.h"
#include "stages/torch/FeaturesStage.h"

#include <CLI/CLI.hpp>

namespace dqcli {

void DatasetOptions::declare(CLI::App& cmd, unsigned parts, const std::string& about)
{
    CLI::Option* dataset = cmd.add_option("--dataset", spec, "A dataset spec" + about);
    if (!(parts & kOptional))
        dataset->required();
    if (parts & kSplit)
        cmd.add_option("--split", split, "Split of --dataset: train or test")->capture_default_str();
    if (parts & kLimit)
        cmd.add_option("--limit", limit, "Only the first N samples of --dataset (0: all)")->capture_default_str();
}

void DatasetOptions::fill(dq::FeaturesParams& p) const
{
    p.spec = spec;
    p.split = split;
    p.network.limit = limit;
}

void CacheOptions::declare(CLI::App& cmd, unsigned parts)
{
    if (parts & kDir)
        cmd.add_option("--cache-dir", dir, "Cache folder (default $XDG_CACHE_HOME/dq-studio or ~/.cache/dq-studio)");
    if (parts & kNoCache)
        cmd.add_flag("--no-cache", noCache, "Compute again even when the cache holds the result (and refresh it)");
}

void declareDeviceOption(CLI::App& cmd, std::string& device)
{
    cmd.add_option("--device", device, "auto | cpu | cuda | cuda:N")->capture_default_str();
}

namespace {

void declareModel(CLI::App& cmd, FeatureOptions& o)
{
    cmd.add_option("--model", o.model,
                   "Network of the features: pixels | convnet | resnet18 | resnet18-imagenet | torchscript:FILE")
        ->capture_default_str();
}

void declareEpochs(CLI::App& cmd, FeatureOptions& o)
{
    cmd.add_option("--epochs", o.epochs, "Selection training epochs of --model before extraction")->capture_default_str();
}

} // namespace

void FeatureOptions::declare(CLI::App& cmd)
{
    declareModel(cmd, *this);
    cmd.add_option("--weights", weights, "PyTorch state_dict (.pth) for a built-in --model");
    declareEpochs(cmd, *this);
    cmd.add_option("--mode", mode,
                   "Features of --model: gradient | embedding | pixels (auto: gradient, pixels for --model pixels)")
        ->capture_default_str();
    declareDeviceOption(cmd, device);
    cmd.add_option("--batch", batch, "Inference batch size of --model")->capture_default_str();
    cmd.add_option("--image-size", imageSize, "Square input size of --model (0: the model's or the data's)")
        ->capture_default_str();
}

void FeatureOptions::declareNetwork(CLI::App& cmd)
{
    declareModel(cmd, *this);
    declareEpochs(cmd, *this);
    declareDeviceOption(cmd, device);
}

void FeatureOptions::fill(dq::FeatureParams& p) const
{
    p.model = model;
    p.weights = weights;
    p.epochs = epochs;
    p.mode = dq::parseFeatureMode(mode);
    p.device = device;
    p.batchSize = batch;
    p.imageSize = imageSize;
}

} // namespace dqcli
