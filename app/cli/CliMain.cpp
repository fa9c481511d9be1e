// dq: the DQ Studio pipeline on the command line, the same in `dq` and dq-torch (CliMain.h).
// Results and output paths go to stdout, progress to stderr. Exit status: 0 success,
// 1 failed job, 2 usage error, 130 cancelled (SIGINT/SIGTERM).
#include "CliMain.h"

#include "BuildInfo.h"
#include "ProgressPrinter.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "FieldOptions.h"
#include "common/Progress.h"
#include "common/ThreadWaitPolicy.h"
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

namespace dqcli {

int runCli(int argc, char** argv, const CliBinary& binary)
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
    app.add_option("--threads", threads,
                   "CPU threads for tensor work, the DQ engine and text embedding (default: all cores)")
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
    app.footer("Dataset specs:\n" + dq::datasetSpecHelp() + "\nRun 'dq SUBCOMMAND --help' for the options of a subcommand.");

    Runners runners;
    binary.registerCommands(app, runners);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }
    dist.timeout = std::chrono::seconds(distTimeout);
    for (const CLI::App* sub : app.get_subcommands())
        if (!binary.runsHere(*sub, dist))
            return binary.handOver(argv);

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
    auto fail = [&](const char* what) {
        if (binary.failProcessGroup)
            binary.failProcessGroup(what);
    };
    try {
        binary.configureThreads(threads);
        for (const CLI::App* sub : app.get_subcommands()) {
            const std::string name = sub->get_name();
            if (name == "bins" || name == "features" || name == "evaluate") {
                if (binary.startProcessGroup)
                    binary.startProcessGroup(dist);
            } else if (const auto launch = dq::readLaunchEnvironment(dist.overrides); launch && launch->size > 1) {
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
            dqcli::RunContext ctx{g_cancel, progress, jsonFlag && jsonFlag->count() > 0};
            runners.at(sub)(ctx);
        }
        if (binary.finishProcessGroup)
            binary.finishProcessGroup();
        printer.finish();
        return 0;
    } catch (const NeedsTorch&) {
        // A path runsHere did not foresee: nothing is written yet (outputs are written
        // at the end, atomically), so dq-torch runs the command from the start.
        printer.finish();
        return binary.handOver(argv);
    } catch (const dq::Cancelled&) {
        fail("cancelled");
        printer.finish();
        std::fprintf(stderr, "dq: cancelled; nothing partial was written\n");
        return 130;
    } catch (const dq::FieldError& e) {
        const std::string text = dqcli::fieldErrorText(e);
        fail(text.c_str());
        printer.finish();
        std::fprintf(stderr, "dq: error: %s\n", text.c_str());
        return 2;
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

} // namespace dqcli
