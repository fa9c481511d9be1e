// dq sample: draw a ratio uniformly from every bin (and every class in it).
#include "Command.h"
#include "TextFormat.h"

#include "bins/BinsFolder.h"
#include "common/Error.h"
#include "common/NumberText.h"
#include "common/Progress.h"
#include "io/Npy.h"
#include "common/JobContext.h"
#include "stages/SampleStage.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <ostream>

namespace fs = std::filesystem;

namespace dqcli {
namespace {

struct SampleOptions {
    std::string bins, out;
    double ratio = 0.125;
    std::uint64_t seed = 0;
};

class SampleCommand : public Command {
public:
    const char* name() const override { return "sample"; }

    void declare(CLI::App& cmd) override
    {
        cmd.add_option("--bins", o_.bins, "Bins folder written by 'dq bins'")->required();
        cmd.add_option("--ratio,-r", o_.ratio, "Fraction of every bin to keep, in (0, 1]")->capture_default_str();
        cmd.add_option("--seed", o_.seed, "Seed of the sampling")->capture_default_str();
        cmd.add_option("--out,-o", o_.out, "Output .npy file, or a folder for select_indices_<NAME>_<R>.npy")->required();
        cmd.add_flag("--json", "Print the result as JSON");
    }

    void run(RunContext& ctx) override
    {
        const SampleOptions& o = o_;
        const dq::BinsFolderContent bins = dq::readBinsFolder(o.bins);
        dq::JobContext job(ctx.progress, ctx.cancel, ctx.noteSink());
        // A bad ratio is core's FieldError on "ratio", printed as --ratio.
        const dq::SampleResult r = dq::runSample({bins.bins, bins.labels, bins.datasetSize, o.ratio, o.seed}, job);
        fs::path out = o.out;
        std::error_code ec;
        if (fs::is_directory(out, ec) || o.out.back() == '/')
            out /= "select_indices_" + bins.name + "_" + dq::pythonFloatText(o.ratio) + ".npy";
        ctx.cancel.throwIfCancelled();
        dq::writeNpy(out, dq::NpyArray::fromVector(r.indices));
        if (ctx.json) {
            nlohmann::json j{{"out", out.string()},           {"count", r.indices.size()},
                             {"dataset_size", r.datasetSize}, {"requested_ratio", r.requestedRatio},
                             {"true_ratio", r.trueRatio},     {"per_bin", r.perBin}};
            ctx.out << j.dump(2) << std::endl;
            return;
        }
        ctx.out << out.string() << "\n"
                << formatted("kept %zu of %lld samples: true ratio %.6f (requested %s)\n", r.indices.size(),
                             static_cast<long long>(r.datasetSize), r.trueRatio, dq::pythonFloatText(o.ratio).c_str());
    }

private:
    SampleOptions o_;
};

} // namespace

std::unique_ptr<Command> makeSampleCommand() { return std::make_unique<SampleCommand>(); }

} // namespace dqcli
