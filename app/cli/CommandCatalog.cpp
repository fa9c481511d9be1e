#include "CommandCatalog.h"

#include <stdexcept>

namespace dqcli {

const std::vector<CommandInfo>& commandCatalog()
{
    static const std::vector<CommandInfo> commands = {
        {"info", "Describe a dataset: splits, classes, counts, image shape, fingerprint"},
        {"bins", "Split a dataset into K bins by greedy submodular selection"},
        {"sample", "Sample a ratio of every bin of a bins folder"},
        {"select", "Select a coreset with one of the field's methods (DQ's budgets)"},
        {"features", "Compute per-sample features of a dataset with a network"},
        {"text", "Dataset quantization of instruction data (Alpaca-style JSON or JSON Lines)"},
        {"pixel", "Drop the least informative patches of the selected samples and reconstruct them"},
        {"restore", "Rebuild images from a quantized folder's kept patches"},
        {"mae-train", "Pre-train the compact MAE that reconstructs dropped patches"},
        {"evaluate", "Train fresh networks on training subsets and test them: DQ against random and the whole"},
    };
    return commands;
}

const char* commandDescription(const std::string& name)
{
    for (const CommandInfo& c : commandCatalog())
        if (name == c.name)
            return c.description;
    throw std::logic_error("dq: no subcommand '" + name + "' in the catalog");
}

} // namespace dqcli
