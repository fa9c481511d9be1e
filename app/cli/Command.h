#pragma once
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace CLI {
class App;
}
namespace dq {
class CancelToken;
class Progress;
struct Note;
} // namespace dq

namespace dqcli {

// What every subcommand gets when it runs: where its output goes (stdout and stderr in
// dq, strings in the in-process tests), the cancel flag, progress and --json.
struct RunContext {
    std::ostream& out; // results and output paths
    std::ostream& err; // notes, warnings, progress
    const dq::CancelToken& cancel; // set by SIGINT/SIGTERM in dq
    dq::Progress& progress; // prints on err
    bool json = false; // --json: machine-readable out

    // A stage's note on err, its code first so that scripts match the code, not the English.
    void note(const dq::Note& note) const;
    std::function<void(const dq::Note&)> noteSink() const;
};

// One dq subcommand: declares its options (bound to its own members) on the subcommand
// that runCli created with the name and description of commandCatalog(), and runs after
// a successful parse.
class Command {
public:
    virtual ~Command() = default;
    virtual const char* name() const = 0;
    virtual void declare(CLI::App& command) = 0;
    virtual void run(RunContext& context) = 0;
};

using CommandSet = std::vector<std::unique_ptr<Command>>;

// The light commands (libdqengine alone; LightCommands.cpp) and the commands that need
// LibTorch (dq-torch's library; TorchCommands.cpp).
CommandSet lightCommands();
CommandSet torchCommands();

std::unique_ptr<Command> makeInfoCommand();
std::unique_ptr<Command> makeBinsCommand();
std::unique_ptr<Command> makeSampleCommand();
std::unique_ptr<Command> makeTextCommand();
std::unique_ptr<Command> makeSelectCommand();
std::unique_ptr<Command> makeFeaturesCommand();
std::unique_ptr<Command> makePixelCommand();
std::unique_ptr<Command> makeRestoreCommand();
std::unique_ptr<Command> makeMaeTrainCommand();
std::unique_ptr<Command> makeEvaluateCommand();

// "4G", "512M", "100k" or plain bytes; throws dq::UsageError naming the option.
long long parseByteSize(const std::string& text, const std::string& option);

} // namespace dqcli
