// codecs.json and codecs.csv: the record of a codec comparison, and the mask-ratio lists.
#include "pixel/CodecComparison.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/FieldError.h"
#include "common/NumberText.h"
#include "common/internal/Timestamp.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

namespace dq {
namespace {

constexpr const char* kFormat = "dq-codec-comparison";
constexpr int kVersion = 1;

nlohmann::json number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

double numberOr(const nlohmann::json& v)
{
    return v.is_number() ? v.get<double>() : std::numeric_limits<double>::quiet_NaN();
}

std::string csvNumber(double v, const char* format)
{
    if (!std::isfinite(v))
        return "";
    char buf[64];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

} // namespace

std::vector<double> defaultComparisonMaskRatios()
{
    std::vector<double> out;
    for (int k = 1; k <= 9; ++k)
        out.push_back(k / 10.0);
    return out;
}

std::vector<double> parseMaskRatioList(const std::string& text, const std::string& field)
{
    std::vector<double> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        item.erase(0, item.find_first_not_of(" \t"));
        item.erase(item.find_last_not_of(" \t") + 1);
        std::size_t used = 0;
        double v = 0;
        try {
            v = std::stod(item, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (item.empty() || used != item.size())
            throw FieldError(field, "'" + item + "' in '" + text + "' is not a number (expected e.g. 0.2,0.5)");
        if (!(v > 0.0 && v < 1.0))
            throw FieldError(field, "every mask ratio must lie in (0, 1), got " + item);
        out.push_back(v);
    }
    if (out.empty())
        throw FieldError(field, "no mask ratio given (expected e.g. 0.2,0.5)");
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::string codecComparisonJson(const CodecComparison& c)
{
    nlohmann::json j;
    j["format"] = kFormat;
    j["format_version"] = kVersion;
    j["dq_version"] = DQ_VERSION;
    j["created"] = utcTimestamp();
    j["dataset"] = {{"spec", c.datasetSpec}, {"name", c.datasetName}};
    j["images"] = c.images;
    j["image_shape"] = {c.shape.height, c.shape.width, c.shape.channels};
    j["grid"] = {{"rows", c.grid.rows}, {"cols", c.grid.cols}, {"patch_size", c.grid.patchSize}};
    j["cam"] = c.cam;
    j["reconstruction"] = c.reconstruction;
    j["mask_ratios"] = c.maskRatios;
    j["tolerance"] = c.tolerance;
    j["method"] = "DQ: every file of its quantized/ folder (format 2) at each mask ratio, reconstructed and "
                  "compared with the originals. Codecs: one file per image (OpenCV; JPEG with optimised Huffman "
                  "tables), qualities by bisection over 1..100 for the whole set, then the first images_at_high "
                  "images at quality_high so that the total is closest to DQ's bytes.";
    nlohmann::json points = nlohmann::json::array();
    for (const RatePoint& p : c.points) {
        nlohmann::json o = {{"method", p.method},
                            {"mask_ratio", p.maskRatio},
                            {"bytes", p.bytes},
                            {"bytes_per_image", p.bytesPerImage},
                            {"psnr_db", number(p.psnr)},
                            {"ssim", number(p.ssim)},
                            {"identical_images", p.identical}};
        if (p.method == "dq") {
            o["kept_patches"] = p.keptPatches;
            o["payload_bytes"] = p.payloadBytes;
        } else {
            o["target_bytes"] = p.targetBytes;
            o["quality_low"] = p.qualityLow;
            o["quality_high"] = p.qualityHigh;
            o["images_at_high"] = p.imagesAtHigh;
            o["within_tolerance"] = p.withinTolerance;
        }
        points.push_back(o);
    }
    j["points"] = points;
    j["notes"] = c.notes;
    j["seconds"] = c.seconds;
    return j.dump(2) + "\n";
}

std::string codecComparisonCsv(const CodecComparison& c)
{
    std::string out = "method,mask_ratio,kept_patches,quality_low,quality_high,images_at_high,target_bytes,bytes,"
                      "bytes_per_image,within_tolerance,psnr_db,ssim\n";
    for (const RatePoint& p : c.points) {
        const bool dq = p.method == "dq";
        out += p.method + "," + pythonFloatText(p.maskRatio) + "," + (dq ? std::to_string(p.keptPatches) : "") + "," +
               (dq ? "" : std::to_string(p.qualityLow)) + "," + (dq ? "" : std::to_string(p.qualityHigh)) + "," +
               (dq ? "" : std::to_string(p.imagesAtHigh)) + "," + (dq ? "" : std::to_string(p.targetBytes)) + "," +
               std::to_string(p.bytes) + "," + csvNumber(p.bytesPerImage, "%.2f") + "," +
               (p.withinTolerance ? "true" : "false") + "," + csvNumber(p.psnr, "%.4f") + "," + csvNumber(p.ssim, "%.5f") +
               "\n";
    }
    return out;
}

void writeCodecComparison(const std::filesystem::path& dir, const CodecComparison& c)
{
    writeFileAtomically(dir / kCodecComparisonJson, codecComparisonJson(c));
    writeFileAtomically(dir / kCodecComparisonCsv, codecComparisonCsv(c));
}

CodecComparison readCodecComparison(const std::filesystem::path& file)
{
    const std::string where = file.string();
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(readFileBytes(file));
    } catch (const nlohmann::json::exception& e) {
        throw Error(where, std::string("not valid JSON: ") + e.what());
    }
    if (!j.is_object() || j.value("format", "") != kFormat)
        throw Error(where, std::string("not a codec comparison (format is not '") + kFormat + "')");
    if (j.value("format_version", 0) != kVersion)
        throw Error(where, "format_version " + j.value("format_version", nlohmann::json()).dump() + " is not " +
                               std::to_string(kVersion));
    CodecComparison c;
    try {
        c.datasetSpec = j.at("dataset").value("spec", "");
        c.datasetName = j.at("dataset").value("name", "");
        c.images = j.at("images").get<std::int64_t>();
        const auto shape = j.at("image_shape");
        c.shape = {shape.at(0).get<int>(), shape.at(1).get<int>(), shape.at(2).get<int>()};
        c.grid = {j.at("grid").at("rows").get<int>(), j.at("grid").at("cols").get<int>(),
                  j.at("grid").at("patch_size").get<int>()};
        c.cam = j.value("cam", "");
        c.reconstruction = j.value("reconstruction", "");
        c.maskRatios = j.at("mask_ratios").get<std::vector<double>>();
        c.tolerance = j.at("tolerance").get<double>();
        for (const auto& o : j.at("points")) {
            RatePoint p;
            p.method = o.at("method").get<std::string>();
            p.maskRatio = o.at("mask_ratio").get<double>();
            p.bytes = o.at("bytes").get<std::int64_t>();
            p.bytesPerImage = o.at("bytes_per_image").get<double>();
            p.psnr = numberOr(o.at("psnr_db"));
            p.ssim = numberOr(o.at("ssim"));
            p.identical = o.value("identical_images", std::int64_t(0));
            p.keptPatches = o.value("kept_patches", 0);
            p.payloadBytes = o.value("payload_bytes", p.bytes);
            p.targetBytes = o.value("target_bytes", std::int64_t(0));
            p.qualityLow = o.value("quality_low", 0);
            p.qualityHigh = o.value("quality_high", 0);
            p.imagesAtHigh = o.value("images_at_high", std::int64_t(0));
            p.withinTolerance = o.value("within_tolerance", true);
            c.points.push_back(p);
        }
        c.notes = j.value("notes", std::vector<std::string>());
        c.seconds = j.value("seconds", 0.0);
    } catch (const nlohmann::json::exception& e) {
        throw Error(where, std::string("a field is missing or of the wrong type: ") + e.what());
    }
    return c;
}

} // namespace dq
