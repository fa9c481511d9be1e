// dq: the DQ Studio pipeline on the command line.
// Results and output paths go to stdout, progress to stderr. Exit status: 0 success,
// 1 failed job, 2 usage error, 130 cancelled (SIGINT/SIGTERM).
#include "BuildInfo.h"
#include "Command.h"
#include "ProgressPrinter.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "common/ThreadWaitPolicy.h"
#include "common/Threads.h"
#include "datasets/DatasetSpec.h"
#include "distributed/ProcessGroupSession.h"
#include "distributed/RankGroup.h"

#include <CLI/CLI.hpp>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <map>

namespace {

dq::CancelToken g_cancel;

extern "C" void onSignal(int) { g_cancel.cancel(); }

} // namespace

int main(int argc, char** argv)
{
    // First of all: an interrupt at any later moment cancels cleanly.
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    CLI::App app{"dq: Dataset Quantization (DQ, ICCV 2023) on the command line.\n"
                 "Results go to stdout, progress to stderr.",
                 "dq"};
    app.set_version_flag("--version", std::string("dq ") + DQ_VERSION + " (git " + DQ_GIT_COMMIT + ")");
    app.require_subcommand(1);
    int threads = 0;
    app.add_option("--threads", threads, "CPU threads for tensor work, the DQ engine and text embedding (default: all cores)")
        ->check(CLI::NonNegativeNumber);
    dq::DistributedOptions dist;
    int distTimeout = 1800;
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

    std::map<const CLI::App*, dqcli::CommandRunner> runners;
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

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }

    // The pixel commands and the evaluation run many small tensor operations: they need
    // libgomp's short spin (dq evaluate: 4x faster on 2 busy cores).
    for (const CLI::App* sub : app.get_subcommands())
        if (sub->get_name() == "pixel" || sub->get_name() == "restore" || sub->get_name() == "evaluate")
            dq::useShortThreadSpin(argv);

    dqcli::ProgressPrinter printer;
    bool showProgress = true;
    dq::Progress progress([&](const dq::ProgressEvent& e) {
        if (showProgress)
            printer.onEvent(e);
    });
    // A failed rank tells the others (they stop, naming it) before it leaves.
    auto fail = [](const char* what) { dq::failProcessGroup(what); };
    try {
        dq::configureThreads(threads);
        dist.timeout = std::chrono::seconds(distTimeout);
        for (const CLI::App* sub : app.get_subcommands()) {
            const std::string name = sub->get_name();
            if (name == "bins" || name == "features" || name == "evaluate") {
                dq::startProcessGroup(dist);
            } else if (const auto launch = dq::readLaunchEnvironment(dist.overrides); launch && launch->size > 1) {
                throw dq::UsageError(launch->launcher, "dq " + name + " runs in one process; only dq bins, dq features "
                                     "and dq evaluate share work across ranks (this is rank " +
                                     std::to_string(launch->rank) + " of " + std::to_string(launch->size) + ")");
            }
        }
        // One rank prints progress; the others would only repeat it.
        showProgress = dq::rankGroup().rank() == 0;
        for (const CLI::App* sub : app.get_subcommands()) {
            const CLI::Option* jsonFlag = sub->get_option_no_throw("--json");
            dqcli::RunContext ctx{g_cancel, progress, jsonFlag && jsonFlag->count() > 0};
            runners.at(sub)(ctx);
        }
        dq::finishProcessGroup();
        printer.finish();
        return 0;
    } catch (const dq::Cancelled&) {
        fail("cancelled");
        printer.finish();
        std::fprintf(stderr, "dq: cancelled; nothing partial was written\n");
        return 130;
    } catch (const dq::UsageError& e) {
        fail(e.what());
        printer.finish();
        std::fprintf(stderr, "dq: error: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        fail(e.what());
        printer.finish();
        std::fprintf(stderr, "dq: error: %s\n", e.what());
        return 1;
    }
}
