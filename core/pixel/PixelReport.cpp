#include "pixel/PixelReport.h"

#include "common/Timestamp.h"
#include "pixel/ImageQuality.h"

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
    j["counts"] = {{"images", r.images},
                   {"patches_per_image", r.grid.count()},
                   {"kept_patches_per_image", r.keptPatches}};
    j["ratios"] = {{"sample", r.sampleRatio},
                   {"patch_keep", r.patchKeepRatio},
                   {"final_keep", r.finalKeepRatio},
                   {"pixel_keep", r.pixelKeepRatio}};
    j["bytes"] = {{"original", r.originalBytes},
                  {"stored", r.storedBytes},
                  {"stored_over_original", r.originalBytes ? static_cast<double>(r.storedBytes) / r.originalBytes : 0.0}};
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
