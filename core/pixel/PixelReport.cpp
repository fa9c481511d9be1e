#include "pixel/internal/PixelReport.h"

#include "common/internal/Timestamp.h"
#include "pixel/internal/ImageQuality.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace dq {
namespace {

// JSON has no NaN or infinity: such values are written as null.
nlohmann::json number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

} // namespace

std::string pixelReportJson(const PixelParams& p, const PixelResult& r, const QualityTotals& q, double totalSeconds)
{
    nlohmann::json j;
    j["format"] = "dq-pixel";
    j["format_version"] = 1;
    j["dq_version"] = DQ_VERSION;
    j["created"] = utcTimestamp();
    j["dataset"] = {{"spec", p.datasetSpec}, {"name", p.datasetName}, {"size", r.datasetSize}};
    j["parameters"] = {{"mask_ratio", p.maskRatio},
                       {"cam", p.cam},
                       {"cam_target", p.camTargetLabel ? "label" : "predicted"},
                       {"cam_model", r.camModel},
                       {"cam_epochs", p.camEpochs},
                       {"recon", p.recon},
                       {"image_size", p.imageSize},
                       {"batch", p.batchSize},
                       {"seed", p.seed},
                       {"device", r.device}};
    j["reconstruction"] = r.reconstruction;
    j["grid"] = {{"rows", r.grid.rows}, {"cols", r.grid.cols}, {"patch_size", r.grid.patchSize}};
    j["counts"] = {{"images", r.images}, {"patches_per_image", r.grid.count()}, {"kept_patches_per_image", r.keptPatches}};
    j["ratios"] = {{"sample", r.sampleRatio},
                   {"patch_keep", r.patchKeepRatio},
                   {"final_keep", r.finalKeepRatio},
                   {"pixel_keep", r.pixelKeepRatio}};
    const auto share = [](std::uint64_t a, std::uint64_t b) { return b ? static_cast<double>(a) / b : 0.0; };
    j["bytes"] = {{"dataset_raw", r.datasetBytes},
                  {"original", r.originalBytes},
                  {"original_png", r.pngBytes},
                  {"original_webp_lossless", r.webpLosslessBytes},
                  {"original_best_lossless", {{"codec", r.bestLosslessCodec}, {"bytes", r.bestLosslessBytes}}},
                  {"stored", r.storedBytes},
                  {"sampling_kept_over_dataset", share(r.originalBytes, r.datasetBytes)},
                  {"stored_over_png", share(r.storedBytes, r.pngBytes)},
                  {"stored_over_best_lossless", share(r.storedBytes, r.bestLosslessBytes)},
                  {"stored_over_original", share(r.storedBytes, r.originalBytes)},
                  {"note", "original*: the selected images only (raw 8-bit pixels; one PNG at level 9 or lossless "
                           "WebP file each); dataset_raw: the whole split, raw; stored: every file of quantized/. "
                           "The sampling saving and the pixel step's saving are separate ratios."}};
    j["quality"] = {{"psnr_mean_db", number(r.meanPsnr)},
                    {"ssim_mean", number(r.meanSsim)},
                    {"identical_images", q.identical},
                    {"note", "against the selected originals at the stored size; the PSNR mean leaves out identical "
                             "images (infinite PSNR)"}};
    j["cache"] = {{"cam_model", r.camModelFromCache}, {"mae", r.maeFromCache}};
    j["seconds"] = {{"cam_and_reconstruction", r.seconds}, {"total", totalSeconds}};
    j["images_per_second"] = r.imagesPerSecond;
    j["notes"] = r.notes;
    return j.dump(2) + "\n";
}

} // namespace dq
