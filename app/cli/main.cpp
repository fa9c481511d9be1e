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

#include <CLI/CLI.hpp>

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
    dq::Progress progress([&](const dq::ProgressEvent& e) { printer.onEvent(e); });
    try {
        dq::configureThreads(threads);
        for (const CLI::App* sub : app.get_subcommands()) {
            const CLI::Option* jsonFlag = sub->get_option_no_throw("--json");
            dqcli::RunContext ctx{g_cancel, progress, jsonFlag && jsonFlag->count() > 0};
            runners.at(sub)(ctx);
        }
        printer.finish();
        return 0;
    } catch (const dq::Cancelled&) {
        printer.finish();
        std::fprintf(stderr, "dq: cancelled; nothing partial was written\n");
        return 130;
    } catch (const dq::UsageError& e) {
        printer.finish();
        std::fprintf(stderr, "dq: error: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        printer.finish();
        std::fprintf(stderr, "dq: error: %s\n", e.what());
        return 1;
    }
}
