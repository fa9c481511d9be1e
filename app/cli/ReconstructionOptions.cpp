#include "ReconstructionOptions.h"

#include "TextFormat.h"

#include "pixel/PixelQuantizer.h"

#include <CLI/CLI.hpp>

#include <cmath>

namespace dqcli {

void ReconstructionOptions::declare(CLI::App& cmd, dq::PixelParams& p)
{
    cmd.add_option("--patch-size", p.patchSize, "Inpainting's patch side in pixels (0: 4 up to 64 px, else 16)")
        ->capture_default_str();
    declareDeviceOption(cmd, p.device);
    cmd.add_option("--batch", p.batchSize, "Images per batch")->capture_default_str();
    cache.declare(cmd, CacheOptions::kDir);
}

void ReconstructionOptions::fill(dq::PixelParams& p) const { p.cacheDir = cache.dir; }

std::string qualityNumber(double v, const char* format)
{
    if (!std::isfinite(v))
        return v > 0 ? "inf" : "n/a";
    return formatted(format, v);
}

} // namespace dqcli
