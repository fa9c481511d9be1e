#pragma once
#include <filesystem>
#include <string>

namespace dq {

// What `--recon` names: the backend that restores the dropped patches.
//   mae:FILE            an MAE checkpoint of the reference architecture (the official
//                       mae_visualize_vit_large_ganloss.pth, or any base/large/huge one)
//   mae-compact         the compact MAE trained here on the dataset (cached; trained on
//                       first use, see `dq mae-train`)
//   mae-compact:FILE    a compact MAE checkpoint written by `dq mae-train`
//   inpaint[:telea|ns]  OpenCV inpainting of the dropped pixels (no model)
struct ReconstructionSpec {
    enum class Kind { Mae, MaeCompact, Inpaint };
    Kind kind = Kind::MaeCompact;
    std::filesystem::path file; // Mae, MaeCompact (empty: the cached one)
    std::string inpaintMethod; // "telea" | "ns"

    std::string text() const; // back to the option's form
};

// Throws dq::UsageError(field, ...) for unknown forms or a missing FILE.
ReconstructionSpec parseReconstructionSpec(const std::string& text, const std::string& field = "recon");

} // namespace dq
