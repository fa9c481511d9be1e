// dq-torch's command set: every command, with LibTorch and OpenCV (libdqtorch), and its
// command line run in a process of its own (TorchMain.cpp) or inside a test.
#include "CliMain.h"

#include "common/Progress.h"
#include "common/Threads.h"
#include "distributed/ProcessGroupSession.h"

namespace dqcli {
namespace {

bool everythingRunsHere(const CLI::App&, const dq::DistributedOptions&) { return true; }

} // namespace

CommandSet torchCommands()
{
    CommandSet commands = lightCommands();
    commands.push_back(makeSelectCommand());
    commands.push_back(makeFeaturesCommand());
    commands.push_back(makePixelCommand());
    commands.push_back(makeRestoreCommand());
    commands.push_back(makeMaeTrainCommand());
    commands.push_back(makeEvaluateCommand());
    return commands;
}

const CliBinary& torchBinary()
{
    static const CliBinary binary{torchCommands,        everythingRunsHere,    nullptr,
                                  dq::configureThreads, dq::startProcessGroup, dq::finishProcessGroup,
                                  dq::failProcessGroup};
    return binary;
}

int runCliInProcess(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                    const dq::CancelToken& cancel)
{
    return runCli(CliSession{args, out, err, cancel}, torchBinary());
}

int runCliInProcess(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    const dq::CancelToken never;
    return runCliInProcess(args, out, err, never);
}

} // namespace dqcli
