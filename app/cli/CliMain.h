#pragma once
#include "Command.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}
namespace dq {
class CancelToken;
struct DistributedOptions;
} // namespace dq

namespace dqcli {

// What differs between the two executables behind `dq`: the light `dq` (libdqengine
// alone) and dq-torch (libdqtorch too), which `dq` hands the commands that need LibTorch
// over to. Both parse the same command line (CommandCatalog) and run it in CliMain.cpp.
struct CliBinary {
    // The commands that run in this executable; runCli registers every command of
    // commandCatalog(), and passes the others' arguments through unparsed.
    CommandSet (*makeCommands)();
    // After parsing, before any work: whether `command` runs in this executable. dq
    // answers false for what needs LibTorch (or image decoding, or a launch across
    // processes); CliMain then calls handOver.
    bool (*runsHere)(const CLI::App& command, const dq::DistributedOptions& dist);
    // Replaces this process by dq-torch with the same arguments (dq); returns only with
    // an exit status when that fails, after saying why on `err`. Null in dq-torch.
    int (*handOver)(char** argv, std::ostream& err);
    // Sets the CPU threads: the engine's alone (dq) or LibTorch's and OpenCV's too.
    int (*configureThreads)(int threads);
    // dq bins, features and evaluate join a launch across processes (ProcessGroupSession.h);
    // null in dq, which hands such launches over.
    void (*startProcessGroup)(const dq::DistributedOptions& options);
    void (*finishProcessGroup)();
    void (*failProcessGroup)(const std::string& message);
};

// One run of the command line: its arguments and where it writes. A process's own
// (runProcessCli) or a test's (runCliInProcess).
struct CliSession {
    std::vector<std::string> args; // without the program name
    std::ostream& out;
    std::ostream& err;
    const dq::CancelToken& cancel;
    bool errIsTerminal = false; // progress redraws one line on a terminal
    // The process's own arguments, for what replaces the process (the hand-over to
    // dq-torch, the short thread spin); null in process, where nothing is replaced.
    char** argv = nullptr;
};

// Thrown where a command reaches the torch library in the light `dq` (the functions that
// dq defines in TorchHandOver.cpp); CliMain hands the command over. Not a std::exception,
// so no handler of errors takes it for one.
struct NeedsTorch {
    const char* what; // for the trace: which function was reached
};

// Parses and runs; returns the exit status: 0 success, 1 failed job, 2 usage error,
// 130 cancelled.
int runCli(const CliSession& session, const CliBinary& binary);

// main() of both executables: stdout, stderr, and SIGINT/SIGTERM cancelling the run.
int runProcessCli(int argc, char** argv, const CliBinary& binary);

// dq-torch: every command runs here (TorchCommands.cpp).
const CliBinary& torchBinary();

// dq-torch's command line inside the calling process (TorchCommands.cpp): every command,
// `args` without the program name, output to `out` and `err`.
int runCliInProcess(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runCliInProcess(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                    const dq::CancelToken& cancel);

} // namespace dqcli
