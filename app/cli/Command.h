#pragma once
#include <functional>
#include <string>

namespace CLI {
class App;
}
namespace dq {
class CancelToken;
class Progress;
} // namespace dq

namespace dqcli {

// What every subcommand gets when it runs.
struct RunContext {
    const dq::CancelToken& cancel; // set by SIGINT/SIGTERM
    dq::Progress& progress; // prints on stderr
    bool json = false; // --json: machine-readable stdout
};

using CommandRunner = std::function<void(RunContext&)>;

// Each subcommand registers itself on the parent app and returns the function that runs
// it after parsing (the options are bound to variables the function captures).
CommandRunner registerInfoCommand(CLI::App& parent);
CommandRunner registerBinsCommand(CLI::App& parent);
CommandRunner registerSampleCommand(CLI::App& parent);
CommandRunner registerSelectCommand(CLI::App& parent);
CommandRunner registerFeaturesCommand(CLI::App& parent);
CommandRunner registerTextCommand(CLI::App& parent);
CommandRunner registerPixelCommand(CLI::App& parent);
CommandRunner registerRestoreCommand(CLI::App& parent);
CommandRunner registerMaeTrainCommand(CLI::App& parent);
CommandRunner registerEvaluateCommand(CLI::App& parent);

// "4G", "512M", "100k" or plain bytes; throws dq::UsageError naming the option.
long long parseByteSize(const std::string& text, const std::string& option);

} // namespace dqcli
