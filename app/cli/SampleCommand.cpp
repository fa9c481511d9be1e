// dq sample: draw a ratio uniformly from every bin (and every class in it).
#include "Command.h"
#include "CommandCatalog.h"

#include "bins/BinsFolder.h"
#include "common/Error.h"
#include "common/NumberText.h"
#include "common/Progress.h"
#include "io/Npy.h"
#include "stages/JobContext.h"
#include "stages/SampleStage.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

namespace fs = std::filesystem;

namespace dqcli {
namespace {

struct SampleOptions {
    std::string bins, out;
    double ratio = 0.125;
    std::uint64_t seed = 0;
};

} // namespace

CommandRunner registerSampleCommand(CLI::App& parent)
{
    auto o = std::make_shared<SampleOptions>();
    CLI::App* cmd = parent.add_subcommand("sample", commandDescription("sample"));
    cmd->add_option("--bins", o->bins, "Bins folder written by 'dq bins'")->required();
    cmd->add_option("--ratio,-r", o->ratio, "Fraction of every bin to keep, in (0, 1]")->capture_default_str();
    cmd->add_option("--seed", o->seed, "Seed of the sampling")->capture_default_str();
    cmd->add_option("--out,-o", o->out, "Output .npy file, or a folder for select_indices_<NAME>_<R>.npy")->required();
    cmd->add_flag("--json", "Print the result as JSON");
    return [o](RunContext& ctx) {
        const dq::BinsFolderContent bins = dq::readBinsFolder(o->bins);
        dq::JobContext job(ctx.progress, ctx.cancel,
                           [](const dq::Note& n) { std::cerr << "dq: note: [" << n.code << "] " << n.text << std::endl; });
        // A bad ratio is core's FieldError on "ratio", printed as --ratio.
        const dq::SampleResult r = dq::runSample({bins.bins, bins.labels, bins.datasetSize, o->ratio, o->seed}, job);
        fs::path out = o->out;
        std::error_code ec;
        if (fs::is_directory(out, ec) || o->out.back() == '/')
            out /= "select_indices_" + bins.name + "_" + dq::pythonFloatText(o->ratio) + ".npy";
        ctx.cancel.throwIfCancelled();
        dq::writeNpy(out, dq::NpyArray::fromVector(r.indices));
        if (ctx.json) {
            nlohmann::json j{{"out", out.string()},           {"count", r.indices.size()},
                             {"dataset_size", r.datasetSize}, {"requested_ratio", r.requestedRatio},
                             {"true_ratio", r.trueRatio},     {"per_bin", r.perBin}};
            std::cout << j.dump(2) << std::endl;
        } else {
            std::cout << out.string() << "\n";
            std::printf("kept %zu of %lld samples: true ratio %.6f (requested %s)\n", r.indices.size(),
                        static_cast<long long>(r.datasetSize), r.trueRatio, dq::pythonFloatText(o->ratio).c_str());
        }
    };
}

} // namespace dqcli
