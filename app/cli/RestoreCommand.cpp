// dq restore: the images rebuilt from a quantized/ folder alone.
#include "Command.h"
#include "ReconstructionOptions.h"
#include "TextFormat.h"

#include "common/Progress.h"
#include "pixel/PixelQuantizer.h"
#include "common/JobContext.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <memory>
#include <ostream>

namespace dqcli {
namespace {

class RestoreCommand : public Command {
public:
    RestoreCommand() { params_.recon.clear(); } // the one the quantized folder records

    const char* name() const override { return "restore"; }

    void declare(CLI::App& cmd) override
    {
        cmd.add_option("--quantized", quantized_, "A quantized/ folder written by 'dq pixel'")->required();
        cmd.add_option("--recon", params_.recon,
                       "mae:FILE | mae-compact[:FILE] | inpaint[:telea|ns] (default: the one 'dq pixel' used)");
        recon_.declare(cmd, params_);
        cmd.add_option("--out,-o", out_, "Output folder")->required();
        cmd.add_flag("--json", "Print the result as JSON");
    }

    void run(RunContext& ctx) override
    {
        dq::PixelParams p = params_;
        recon_.fill(p);
        dq::JobContext context(ctx.progress, ctx.cancel, ctx.noteSink());
        const dq::RestoreResult r = dq::restoreQuantized(quantized_, p, out_, context);
        if (ctx.json) {
            ctx.out << nlohmann::json{{"out", r.out.string()},
                                      {"images", r.images},
                                      {"reconstruction", r.reconstruction},
                                      {"seconds", r.seconds}}
                           .dump(2)
                    << std::endl;
            return;
        }
        ctx.out << (r.out / "manifest.csv").string() << "\n";
        ctx.err << formatted("dq: restored %lld images with %s in %.1f s\n", static_cast<long long>(r.images),
                             r.reconstruction.c_str(), r.seconds);
    }

private:
    std::string quantized_, out_;
    dq::PixelParams params_;
    ReconstructionOptions recon_;
};

} // namespace

std::unique_ptr<Command> makeRestoreCommand() { return std::make_unique<RestoreCommand>(); }

} // namespace dqcli
