// dq-torch: every dq command, with LibTorch and OpenCV (libdqtorch). Installed in
// libexec/dq-studio/; the light `dq` hands it the commands that need LibTorch, with the
// same arguments, by exec (so signals and exit statuses stay the command's own).
#include "CliMain.h"

#include "common/Threads.h"
#include "distributed/ProcessGroupSession.h"

#include <CLI/CLI.hpp>

namespace {

void registerAll(CLI::App& app, dqcli::Runners& runners)
{
    auto add = [&](dqcli::CommandRunner (*reg)(CLI::App&)) {
        const std::size_t before = app.get_subcommands({}).size();
        dqcli::CommandRunner runner = reg(app);
        runners[app.get_subcommands({})[before]] = std::move(runner);
    };
    add(dqcli::registerInfoCommand);
    add(dqcli::registerBinsCommand);
    add(dqcli::registerSampleCommand);
    add(dqcli::registerSelectCommand);
    add(dqcli::registerFeaturesCommand);
    add(dqcli::registerTextCommand);
    add(dqcli::registerPixelCommand);
    add(dqcli::registerRestoreCommand);
    add(dqcli::registerMaeTrainCommand);
    add(dqcli::registerEvaluateCommand);
}

bool everythingRunsHere(const CLI::App&, const dq::DistributedOptions&) { return true; }

} // namespace

int main(int argc, char** argv)
{
    const dqcli::CliBinary binary{registerAll,          everythingRunsHere,    nullptr,
                                  dq::configureThreads, dq::startProcessGroup, dq::finishProcessGroup,
                                  dq::failProcessGroup};
    return dqcli::runCli(argc, argv, binary);
}
