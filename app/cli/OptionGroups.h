#pragma once
#include <cstdint>
#include <string>

namespace CLI {
class App;
}
namespace dq {
struct FeatureParams;
struct FeaturesParams;
} // namespace dq

// Options that several commands share, declared once so that their spelling, help and
// defaults agree wherever they appear.
namespace dqcli {

// --dataset, --split, --limit: the data a command reads.
struct DatasetOptions {
    std::string spec;
    std::string split = "train";
    std::int64_t limit = 0;

    enum Parts : unsigned { kSplit = 1, kLimit = 2, kOptional = 4 };
    // --dataset (required unless kOptional; `about` follows "A dataset spec"), then
    // --split and --limit as `parts` asks.
    void declare(CLI::App& command, unsigned parts, const std::string& about = "");
    // The Features stage's spec, split and limit.
    void fill(dq::FeaturesParams& params) const;
};

// --cache-dir, --no-cache: where computed results are kept and whether to reuse them.
struct CacheOptions {
    std::string dir;
    bool noCache = false;

    enum Parts : unsigned { kDir = 1, kNoCache = 2, kBoth = 3 };
    void declare(CLI::App& command, unsigned parts = kBoth);
    // Any core params with cacheDir and reuseCache (features, bins, text, MAE, evaluation).
    template <class Params>
    void fill(Params& params) const
    {
        params.cacheDir = dir;
        params.reuseCache = !noCache;
    }
};

// --device: auto | cpu | cuda | cuda:N, for every command that runs a network.
void declareDeviceOption(CLI::App& command, std::string& device);

// The network that computes per-sample features (dq features, dq bins --dataset, dq
// select --dataset): --model, --weights, --epochs, --mode, --device, --batch, --image-size.
struct FeatureOptions {
    std::string model;
    std::string weights;
    int epochs = 0;
    std::string mode = "auto";
    std::string device = "auto";
    int batch = 256;
    int imageSize = 0;

    explicit FeatureOptions(std::string defaultModel) : model(std::move(defaultModel)) { }
    void declare(CLI::App& command);
    // --model, --epochs and --device alone (dq select, which needs the network's own
    // outputs: its default weights, mode and input size).
    void declareNetwork(CLI::App& command);
    void fill(dq::FeatureParams& params) const;
};

} // namespace dqcli
