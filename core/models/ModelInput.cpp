#include "models/ModelInput.h"

#include <algorithm>
#include <cctype>
#include <numeric>

namespace dq {
namespace {

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

ModelInput make(const std::string& name, std::vector<float> mean, std::vector<float> std, int channels)
{
    ModelInput in;
    in.channels = channels;
    in.normalization = name;
    if (static_cast<int>(mean.size()) != channels) {
        if (channels == 1) {
            mean = {std::accumulate(mean.begin(), mean.end(), 0.0f) / static_cast<float>(mean.size())};
            std = {std::accumulate(std.begin(), std.end(), 0.0f) / static_cast<float>(std.size())};
        } else if (mean.size() == 1) {
            mean.assign(static_cast<std::size_t>(channels), mean[0]);
            std.assign(static_cast<std::size_t>(channels), std[0]);
        } else {
            mean.clear();
            std.clear();
            in.normalization = "none";
        }
    }
    in.mean = std::move(mean);
    in.std = std::move(std);
    return in;
}

} // namespace

ModelInput imagenetNormalization(int channels)
{
    return make("imagenet", {0.485f, 0.456f, 0.406f}, {0.229f, 0.224f, 0.225f}, channels);
}

ModelInput normalizationFor(const std::string& spec, const std::string& name, int channels)
{
    const std::string prefix = lower(spec.substr(0, spec.find(':')));
    const std::string n = lower(name);
    if (prefix == "fashion-mnist" || n.find("fashion") != std::string::npos)
        return make("fashion-mnist", {0.2860f}, {0.3530f}, channels);
    if (prefix == "cifar10" || n == "cifar10")
        return make("cifar10", {0.4914f, 0.4822f, 0.4465f}, {0.2470f, 0.2435f, 0.2616f}, channels);
    if (prefix == "imagefolder")
        return imagenetNormalization(channels);
    if (prefix == "idx" && n.find("mnist") != std::string::npos)
        return make("mnist", {0.1307f}, {0.3081f}, channels);
    ModelInput none;
    none.channels = channels;
    return none;
}

} // namespace dq
