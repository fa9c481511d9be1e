#pragma once
// Rate-distortion of DQ's pixel step against JPEG and WebP at equal bytes, on the selected
// images: dq pixel --compare-codecs and DQ Studio's Storage view. No torch here.
#include "datasets/Dataset.h"
#include "pixel/ImageCodec.h"
#include "pixel/PatchGrid.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace dq {

struct PixelParams;
class JobContext;

struct CodecComparisonParams {
    std::vector<double> maskRatios; // empty: 0.1, 0.2, ..., 0.9
    std::vector<ImageCodec> codecs{ImageCodec::Jpeg, ImageCodec::Webp};
    double tolerance = 0.02; // codec bytes within this fraction of DQ's
};

// The mask ratios 0.1 to 0.9 in steps of 0.1.
std::vector<double> defaultComparisonMaskRatios();
// "0.2,0.5" -> {0.2, 0.5}: sorted, repeats removed, each in (0, 1). Throws dq::FieldError
// on `field` for an empty list, a value that is not a number or out of range.
std::vector<double> parseMaskRatioList(const std::string& text, const std::string& field);

// One point of a curve: DQ at one mask ratio, or a codec at DQ's bytes for that ratio.
struct RatePoint {
    std::string method; // "dq", "jpeg" or "webp"
    double maskRatio = 0; // DQ's mask ratio this point belongs to
    int keptPatches = 0; // DQ: kept patches per image
    int qualityLow = 0, qualityHigh = 0; // codecs: the two qualities (CodecFit)
    std::int64_t imagesAtHigh = 0;
    std::int64_t targetBytes = 0; // codecs: DQ's stored bytes
    std::int64_t bytes = 0; // DQ: every file of its quantized/ (format 2); codecs: one file per image
    std::int64_t payloadBytes = 0; // DQ: the compressed kept pixels and patch ids only
    double bytesPerImage = 0;
    bool withinTolerance = true;
    double psnr = 0, ssim = 0; // means against the originals (NaN: none)
    std::int64_t identical = 0; // images decoded exactly (left out of the PSNR mean)
};

struct CodecComparison {
    std::string datasetSpec, datasetName;
    std::int64_t images = 0;
    ImageShape shape;
    PatchGrid grid;
    std::string cam, reconstruction;
    double tolerance = 0.02;
    std::vector<double> maskRatios;
    std::vector<RatePoint> points; // per mask ratio: dq, then each codec
    std::vector<std::string> notes;
    double seconds = 0;

    // The points of one method, in mask-ratio order.
    std::vector<RatePoint> curve(const std::string& method) const;
};

// For the selected samples, in ascending index order: CAM scores once, then at every mask
// ratio the kept patches, the quantized/ folder they make (written to a temporary folder
// and measured: its stored bytes are dq pixel's) and the reconstruction by `pixel.recon`
// with its PSNR/SSIM against the stored originals; then every codec fitted to DQ's bytes
// at each ratio (fitCodecBudget) with its PSNR/SSIM. Notes ("pixel.*") go to `context`,
// their texts to `notes`. Throws dq::FieldError (bad ratios, parameters), dq::Error (bad
// indices) and dq::Cancelled.
CodecComparison compareCodecs(const Dataset& data, const std::vector<std::int64_t>& indices, const PixelParams& pixel,
                              const CodecComparisonParams& params, JobContext& context);

inline constexpr const char* kCodecComparisonJson = "codecs.json";
inline constexpr const char* kCodecComparisonCsv = "codecs.csv";

std::string codecComparisonJson(const CodecComparison& c);
// One row per point: method, mask_ratio, kept_patches, quality_low, quality_high,
// images_at_high, target_bytes, bytes, bytes_per_image, within_tolerance, psnr_db, ssim.
std::string codecComparisonCsv(const CodecComparison& c);
// Writes codecs.json and codecs.csv into `dir` (each atomically).
void writeCodecComparison(const std::filesystem::path& dir, const CodecComparison& c);
// Reads codecs.json back; throws dq::Error naming the file and field.
CodecComparison readCodecComparison(const std::filesystem::path& file);

} // namespace dq
