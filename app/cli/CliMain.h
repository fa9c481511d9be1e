#pragma once
#include "Command.h"

#include <map>

namespace CLI {
class App;
}
namespace dq {
struct DistributedOptions;
}

namespace dqcli {

using Runners = std::map<const CLI::App*, CommandRunner>;

// What differs between the two executables behind `dq`: the light `dq` (libdqengine
// alone) and dq-torch (libdqtorch too), which `dq` hands the commands that need LibTorch
// over to. Both parse the same command line (CommandCatalog) and run it in CliMain.cpp.
struct CliBinary {
    // Registers every subcommand on `app` in commandCatalog() order and the runners of
    // those that run in this executable.
    void (*registerCommands)(CLI::App& app, Runners& runners);
    // After parsing, before any work: whether `command` runs in this executable. dq
    // answers false for what needs LibTorch (or image decoding, or a launch across
    // processes); CliMain then calls handOver.
    bool (*runsHere)(const CLI::App& command, const dq::DistributedOptions& dist);
    // Replaces this process by dq-torch with the same arguments (dq); returns only
    // with an exit status when that fails. Null in dq-torch.
    int (*handOver)(char** argv);
    // Sets the CPU threads: the engine's alone (dq) or LibTorch's and OpenCV's too.
    int (*configureThreads)(int threads);
    // dq bins, features and evaluate join a launch across processes (ProcessGroupSession.h);
    // null in dq, which hands such launches over.
    void (*startProcessGroup)(const dq::DistributedOptions& options);
    void (*finishProcessGroup)();
    void (*failProcessGroup)(const std::string& message);
};

// Thrown where a command reaches the torch library in the light `dq` (the functions that
// dq defines in TorchHandOver.cpp); CliMain hands the command over. Not a std::exception,
// so no handler of errors takes it for one.
struct NeedsTorch {
    const char* what; // for the trace: which function was reached
};

int runCli(int argc, char** argv, const CliBinary& binary);

} // namespace dqcli
