#pragma once
#include "OptionGroups.h"

namespace CLI {
class App;
}
namespace dq {
struct PixelParams;
}

namespace dqcli {

// What dq pixel and dq restore share: --patch-size, --device, --batch, --cache-dir (bound
// to `params`, whose defaults they show).
struct ReconstructionOptions {
    CacheOptions cache;

    void declare(CLI::App& command, dq::PixelParams& params);
    void fill(dq::PixelParams& params) const;
};

// Reconstruction quality as dq prints it: "n/a" for no value, "inf" for identical images.
std::string qualityNumber(double value, const char* format);

} // namespace dqcli
