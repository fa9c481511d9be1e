#pragma once
// Core-private (includes ATen): loading a PyTorch state dict into a LibTorch module.
#include "io/internal/TorchCheckpoint.h"

#include <string>
#include <utility>
#include <vector>

namespace torch::nn {
class Module;
}

namespace dq {

// What loadStateDict matched. Keys are the model's names (after any renaming).
struct StateDictReport {
    std::vector<std::string> loaded;
    std::vector<std::string> missing; // in the model, not in the file
    std::vector<std::string> unexpected; // in the file, not in the model
    std::vector<std::string> mismatched; // in both, with different shapes
    // One per mismatched key: "fc.weight has shape [1000, 512] in the file but [10, 512]
    // in the model".
    std::vector<std::string> mismatchDetails;

    bool complete() const { return missing.empty() && unexpected.empty() && mismatched.empty(); }
    // "2 missing keys (fc.weight, fc.bias); 1 unexpected key (head.weight); <details>";
    // empty when complete.
    std::string summary() const;
};

struct StateDictOptions {
    // Strict: any missing, unexpected or mis-shaped key is an error and nothing is
    // copied. Otherwise the keys that match are copied and the rest reported, mis-shaped
    // ones included (PyTorch raises on those even with strict=False; skipping them is
    // what replacing a classifier head of another size needs).
    bool strict = true;
    // Applied in order to every key of the file before matching: a key that starts with
    // .first gets that prefix replaced by .second, e.g. {"module.", ""} for the
    // checkpoints of nn.DataParallel.
    std::vector<std::pair<std::string, std::string>> renamePrefixes;
};

// Copies `state` into module.named_parameters() and module.named_buffers() (PyTorch's
// dotted names: "layer1.0.conv1.weight"), converting dtypes (float16 weights into
// float32 parameters) and devices as copy_ does, without recording gradients. `source`
// (the file) starts error messages: "<file>: 2 missing keys (fc.weight, fc.bias); ...".
StateDictReport loadStateDict(torch::nn::Module& module, const NamedTensors& state, const std::string& source,
                              bool strict = true);
StateDictReport loadStateDict(torch::nn::Module& module, const NamedTensors& state, const std::string& source,
                              const StateDictOptions& options);

// `state` with the prefix `from` of every key that has it replaced by `to`.
NamedTensors renameKeyPrefix(const NamedTensors& state, const std::string& from, const std::string& to);

} // namespace dq
