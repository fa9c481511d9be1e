// dq: the DQ Studio pipeline on the command line, the same in `dq` and dq-torch (CliMain.h).
// Results and output paths go to stdout, progress to stderr. Exit status: 0 success,
// 1 failed job, 2 usage error, 130 cancelled (SIGINT/SIGTERM).
#include "CliMain.h"

#include "BuildInfo.h"
#include "CommandCatalog.h"
#include "FieldOptions.h"
#include "ProgressPrinter.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "common/Progress.h"
#include "common/ThreadWaitPolicy.h"
#include "datasets/DatasetSpec.h"
#include "distributed/ProcessGroupSession.h"
#include "distributed/RankGroup.h"

#include <CLI/CLI.hpp>

#include <chrono>
#include <csignal>
#include <iostream>
#include <map>
#include <unistd.h>

namespace dqcli {
namespace {

dq::CancelToken g_processCancel;

extern "C" void onSignal(int) { g_processCancel.cancel(); }

// The top-level options; the subcommands are added by registerCommands.
struct GlobalOptions {
    int threads = 0;
    int distTimeout = 1800;
    dq::DistributedOptions dist;

    void declare(CLI::App& app)
    {
        app.set_version_flag("--version", std::string("dq ") + DQ_VERSION + " (git " + DQ_GIT_COMMIT + ")");
        app.require_subcommand(1);
        app.add_option("--threads", threads,
                       "CPU threads for tensor work, the DQ engine and text embedding (default: all cores)")
            ->check(CLI::NonNegativeNumber);
        app.add_option("--dist-timeout", distTimeout,
                       "Across processes (torchrun, srun, mpirun): seconds to wait for every rank to join and for "
                       "each collective; a dead rank stops the job within min(timeout/2, 10 s)")
            ->capture_default_str()
            ->check(CLI::PositiveNumber);
        app.add_option("--master-addr", dist.overrides.masterAddr,
                       "Across processes: rank 0's host (default MASTER_ADDR, or SLURM_LAUNCH_NODE_IPADDR under Slurm)");
        app.add_option("--master-port", dist.overrides.masterPort,
                       "Across processes: the rendezvous port on rank 0's host (default MASTER_PORT, else 29500)");
        app.footer("Dataset specs:\n" + dq::datasetSpecHelp() +
                   "\nRun 'dq SUBCOMMAND --help' for the options of a subcommand.");
    }
};

// Every command of the catalog, in its order: those of `commands` with their options,
// the others (dq-torch's, in dq) parsed by dq-torch, --help included.
std::map<const CLI::App*, Command*> registerCommands(CLI::App& app, const CommandSet& commands)
{
    std::map<const CLI::App*, Command*> runners;
    for (const CommandInfo& c : commandCatalog()) {
        CLI::App* sub = app.add_subcommand(c.name, c.description);
        Command* command = nullptr;
        for (const auto& candidate : commands)
            if (std::string(candidate->name()) == c.name)
                command = candidate.get();
        if (command) {
            command->declare(*sub);
            runners[sub] = command;
            continue;
        }
        sub->set_help_flag();
        sub->allow_extras();
        sub->prefix_command();
    }
    return runners;
}

int handOver(const CliSession& session, const CliBinary& binary, const std::string& command)
{
    if (binary.handOver && session.argv)
        return binary.handOver(session.argv, session.err);
    session.err << "dq: error: dq " << command << " needs dq-torch, and this run of dq cannot hand it over\n";
    return 1;
}

} // namespace

int runCli(const CliSession& session, const CliBinary& binary)
{
    CLI::App app{"dq: Dataset Quantization (DQ, ICCV 2023) on the command line.\n"
                 "Results go to stdout, progress to stderr.",
                 "dq"};
    GlobalOptions global;
    global.declare(app);
    const CommandSet commands = binary.makeCommands();
    const std::map<const CLI::App*, Command*> runners = registerCommands(app, commands);

    std::vector<const char*> argv{"dq"};
    for (const std::string& a : session.args)
        argv.push_back(a.c_str());
    try {
        app.parse(static_cast<int>(argv.size()), argv.data());
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e, session.out, session.err);
        return rc == 0 ? 0 : 2;
    }
    global.dist.timeout = std::chrono::seconds(global.distTimeout);
    for (const CLI::App* sub : app.get_subcommands())
        if (!runners.count(sub) || !binary.runsHere(*sub, global.dist))
            return handOver(session, binary, sub->get_name());

    // The pixel commands and the evaluation run many small tensor operations: they need
    // libgomp's short spin (dq evaluate: 4x faster on 2 busy cores). Only a process of
    // its own restarts with it.
    for (const CLI::App* sub : app.get_subcommands())
        if (session.argv && (sub->get_name() == "pixel" || sub->get_name() == "restore" || sub->get_name() == "evaluate"))
            dq::useShortThreadSpin(session.argv);

    ProgressPrinter printer(session.err, session.errIsTerminal);
    bool showProgress = true;
    dq::Progress progress([&](const dq::ProgressEvent& e) {
        if (showProgress)
            printer.onEvent(e);
    });
    // A failed rank tells the others (they stop, naming it) before it leaves.
    auto fail = [&](const std::string& what) {
        printer.finish();
        if (binary.failProcessGroup)
            binary.failProcessGroup(what);
    };
    try {
        binary.configureThreads(global.threads);
        for (const CLI::App* sub : app.get_subcommands()) {
            const std::string name = sub->get_name();
            if (name == "bins" || name == "features" || name == "evaluate") {
                if (binary.startProcessGroup)
                    binary.startProcessGroup(global.dist);
            } else if (const auto launch = dq::readLaunchEnvironment(global.dist.overrides); launch && launch->size > 1) {
                throw dq::UsageError(launch->launcher, "dq " + name +
                                                           " runs in one process; only dq bins, dq features "
                                                           "and dq evaluate share work across ranks (this is rank " +
                                                           std::to_string(launch->rank) + " of " +
                                                           std::to_string(launch->size) + ")");
            }
        }
        // One rank prints progress; the others would only repeat it.
        showProgress = dq::rankGroup().rank() == 0;
        for (const CLI::App* sub : app.get_subcommands()) {
            const CLI::Option* jsonFlag = sub->get_option_no_throw("--json");
            RunContext ctx{session.out, session.err, session.cancel, progress, jsonFlag && jsonFlag->count() > 0};
            runners.at(sub)->run(ctx);
        }
        if (binary.finishProcessGroup)
            binary.finishProcessGroup();
        printer.finish();
        session.out.flush();
        return 0;
    } catch (const NeedsTorch&) {
        // A path runsHere did not foresee: nothing is written yet (outputs are written
        // at the end, atomically), so dq-torch runs the command from the start.
        printer.finish();
        return handOver(session, binary, app.get_subcommands().front()->get_name());
    } catch (const dq::Cancelled&) {
        fail("cancelled");
        session.err << "dq: cancelled; nothing partial was written\n";
        return 130;
    } catch (const dq::FieldError& e) {
        const std::string text = fieldErrorText(e);
        fail(text);
        session.err << "dq: error: " << text << "\n";
        return 2;
    } catch (const dq::UsageError& e) {
        fail(e.what());
        session.err << "dq: error: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        fail(e.what());
        session.err << "dq: error: " << e.what() << "\n";
        return 1;
    }
}

int runProcessCli(int argc, char** argv, const CliBinary& binary)
{
    // First of all: an interrupt at any later moment cancels cleanly.
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    CliSession session{std::vector<std::string>(argv + 1, argv + argc),
                       std::cout,
                       std::cerr,
                       g_processCancel,
                       ::isatty(STDERR_FILENO) == 1,
                       argv};
    const int rc = runCli(session, binary);
    std::cout.flush();
    std::cerr.flush();
    return rc;
}

} // namespace dqcli
