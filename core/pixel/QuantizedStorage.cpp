#include "pixel/internal/QuantizedStorage.h"

#include "common/Error.h"
#include "pixel/internal/QuantizedFormat.h"

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace dq {

namespace quantized {

std::string encodeMeta(const QuantizedHeader& h, const QuantizedSummary& s,
                       const std::map<std::string, std::int64_t>& fileBytes)
{
    ordered_json files = ordered_json::object();
    for (const auto& [name, bytes] : fileBytes)
        files[name] = bytes;
    const ordered_json meta = {
        {"format", kFormat},
        {"version", kVersion},
        {"pixels_codec", "zlib"},
        {"created", h.created},
        {"dataset",
         {{"spec", h.datasetSpec},
          {"name", h.datasetName},
          {"fingerprint", h.fingerprint},
          {"split", h.split},
          {"size", h.datasetSize}}},
        {"image", {{"height", h.shape.height}, {"width", h.shape.width}, {"channels", h.shape.channels}}},
        {"patch_grid", {{"rows", h.grid.rows}, {"cols", h.grid.cols}, {"patch_size", h.grid.patchSize}}},
        {"mask_ratio", h.maskRatio},
        {"kept_patches_per_image", h.keptPerImage},
        {"kept_patches_dtype", h.grid.count() <= 256 ? "uint8" : "uint16"},
        {"class_names", h.classNames},
        {"reconstruction", {{"recon", h.reconstruction}, {"checkpoint", h.checkpoint}}},
        {"count", h.count},
        {"keep_ratio", s.keepRatio},
        {"bytes",
         {{"original", s.originalBytes},
          {"kept_pixels", s.keptPixelBytes},
          {"payload", s.payloadBytes},
          {"stored", s.storedBytes},
          {"files", files}}},
    };
    return meta.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

namespace {

const ordered_json& field(const ordered_json& parent, const char* key, const std::string& path, const std::string& source)
{
    const auto it = parent.find(key);
    if (it == parent.end())
        throw Error(source, "field '" + path + key + "' is missing");
    return *it;
}

std::string stringField(const ordered_json& parent, const char* key, const std::string& path, const std::string& source)
{
    const ordered_json& v = field(parent, key, path, source);
    if (!v.is_string())
        throw Error(source, "field '" + path + key + "' must be a string");
    return v.get<std::string>();
}

std::int64_t intField(const ordered_json& parent, const char* key, const std::string& path, const std::string& source,
                      std::int64_t min)
{
    const ordered_json& v = field(parent, key, path, source);
    if (!v.is_number_integer() || v.get<std::int64_t>() < min)
        throw Error(source, "field '" + path + key + "' must be an integer >= " + std::to_string(min));
    return v.get<std::int64_t>();
}

double numberField(const ordered_json& parent, const char* key, const std::string& path, const std::string& source)
{
    const ordered_json& v = field(parent, key, path, source);
    if (!v.is_number())
        throw Error(source, "field '" + path + key + "' must be a number");
    return v.get<double>();
}

const ordered_json& objectField(const ordered_json& parent, const char* key, const std::string& source)
{
    const ordered_json& v = field(parent, key, "", source);
    if (!v.is_object())
        throw Error(source, std::string("field '") + key + "' must be an object");
    return v;
}

int smallInt(std::int64_t v, const std::string& what, const std::string& source)
{
    if (v > (1 << 24))
        throw Error(source, "field '" + what + "' is implausibly large (" + std::to_string(v) + ")");
    return static_cast<int>(v);
}

} // namespace

QuantizedHeader decodeMeta(const std::string& bytes, const std::string& source, QuantizedSummary* summary)
{
    ordered_json meta;
    try {
        meta = ordered_json::parse(bytes);
    } catch (const ordered_json::exception& e) {
        throw Error(source, std::string("not valid JSON: ") + e.what());
    }
    if (!meta.is_object())
        throw Error(source, "expected a JSON object");
    const std::string format = stringField(meta, "format", "", source);
    if (format != kFormat)
        throw Error(source, "format is '" + format + "', expected '" + kFormat + "'");
    const std::int64_t version = intField(meta, "version", "", source, 0);
    if (version != kVersion && version != kVersionRawPixels)
        throw Error(source, "unsupported version " + std::to_string(version) + " (this build reads versions " +
                                std::to_string(kVersionRawPixels) + " and " + std::to_string(kVersion) + ")");
    if (version == kVersion) {
        const std::string codec = stringField(meta, "pixels_codec", "", source);
        if (codec != "zlib")
            throw Error(source, "field 'pixels_codec' is '" + codec + "', expected 'zlib'");
    }
    QuantizedHeader h;
    h.version = static_cast<int>(version);
    h.created = stringField(meta, "created", "", source);
    const ordered_json& d = objectField(meta, "dataset", source);
    h.datasetSpec = stringField(d, "spec", "dataset.", source);
    h.datasetName = stringField(d, "name", "dataset.", source);
    h.fingerprint = stringField(d, "fingerprint", "dataset.", source);
    h.split = stringField(d, "split", "dataset.", source);
    h.datasetSize = intField(d, "size", "dataset.", source, 0);
    const ordered_json& im = objectField(meta, "image", source);
    h.shape.height = smallInt(intField(im, "height", "image.", source, 1), "image.height", source);
    h.shape.width = smallInt(intField(im, "width", "image.", source, 1), "image.width", source);
    h.shape.channels = smallInt(intField(im, "channels", "image.", source, 1), "image.channels", source);
    const ordered_json& g = objectField(meta, "patch_grid", source);
    h.grid.rows = smallInt(intField(g, "rows", "patch_grid.", source, 1), "patch_grid.rows", source);
    h.grid.cols = smallInt(intField(g, "cols", "patch_grid.", source, 1), "patch_grid.cols", source);
    h.grid.patchSize = smallInt(intField(g, "patch_size", "patch_grid.", source, 1), "patch_grid.patch_size", source);
    if (static_cast<std::int64_t>(h.grid.rows) * h.grid.cols > kMaxPatches)
        throw Error(source, "field 'patch_grid' has more than " + std::to_string(kMaxPatches) + " patches");
    h.maskRatio = numberField(meta, "mask_ratio", "", source);
    h.keptPerImage = smallInt(intField(meta, "kept_patches_per_image", "", source, 0), "kept_patches_per_image", source);
    if (h.keptPerImage > h.grid.count())
        throw Error(source, "field 'kept_patches_per_image' (" + std::to_string(h.keptPerImage) + ") exceeds the grid's " +
                                std::to_string(h.grid.count()) + " patches");
    const ordered_json& names = field(meta, "class_names", "", source);
    if (!names.is_array())
        throw Error(source, "field 'class_names' must be an array of strings");
    for (const auto& n : names) {
        if (!n.is_string())
            throw Error(source, "field 'class_names' must be an array of strings");
        h.classNames.push_back(n.get<std::string>());
    }
    if (const auto r = meta.find("reconstruction"); r != meta.end() && r->is_object()) {
        h.reconstruction = stringField(*r, "recon", "reconstruction.", source);
        h.checkpoint = stringField(*r, "checkpoint", "reconstruction.", source);
    }
    h.count = intField(meta, "count", "", source, 0);
    if (summary) {
        const ordered_json& b = objectField(meta, "bytes", source);
        summary->count = h.count;
        summary->keepRatio = numberField(meta, "keep_ratio", "", source);
        summary->originalBytes = intField(b, "original", "bytes.", source, 0);
        summary->payloadBytes = intField(b, "payload", "bytes.", source, 0);
        summary->storedBytes = intField(b, "stored", "bytes.", source, 0);
        // Version 1 stored the kept pixels as they are.
        summary->keptPixelBytes = version == kVersionRawPixels
                                      ? summary->payloadBytes - h.count * h.keptPerImage * (h.grid.count() > 256 ? 2 : 1)
                                      : intField(b, "kept_pixels", "bytes.", source, 0);
    }
    return h;
}

} // namespace quantized
} // namespace dq
