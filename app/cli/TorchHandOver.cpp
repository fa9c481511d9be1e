// The light `dq`'s side of the torch boundary: finding dq-torch and handing a command over
// to it, and the torch library's entry points the engine and the light commands declare
// (datasets/ImageFileDecoder.h, text/TorchScriptEncoder.h, stages/torch/FeaturesStage.h),
// defined here to hand the command over. LightMain's runsHere() sends such commands to
// dq-torch before they start; reaching one of these means it did not foresee a path, and
// the command still runs, in dq-torch.
#include "TorchHandOver.h"

#include "CliMain.h"

#include "datasets/ImageFileDecoder.h"
#include "stages/torch/FeaturesStage.h"
#include "text/TorchScriptEncoder.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <ostream>
#include <system_error>
#include <unistd.h>

namespace fs = std::filesystem;

namespace dqcli {

fs::path torchHelperPath()
{
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    const fs::path dir = ec ? fs::path(".") : self.parent_path();
    return (dir / DQ_TORCH_HELPER_RELATIVE).lexically_normal();
}

int handOverToTorch(char** argv, std::ostream& err)
{
    const fs::path helper = torchHelperPath();
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    ::execv(helper.c_str(), argv);
    const int error = errno;
    err << "dq: error: this command needs LibTorch, which dq runs in its helper " << helper.string()
        << ", and that failed: " << std::strerror(error)
        << " (reinstall dq-studio; in a build tree, build the dq-torch target)\n";
    return 1;
}

} // namespace dqcli

namespace dq {

Image decodeImageFile(const fs::path&) { throw dqcli::NeedsTorch{"decodeImageFile"}; }

NpyArray encodeWithTorchScript(const TorchScriptEncoderParams&, const std::vector<std::string>&, Progress&,
                               const CancelToken&)
{
    throw dqcli::NeedsTorch{"encodeWithTorchScript"};
}

FeaturesResult runFeatures(const FeaturesParams&, JobContext&) { throw dqcli::NeedsTorch{"runFeatures"}; }

} // namespace dq
