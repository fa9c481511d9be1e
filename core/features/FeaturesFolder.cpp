#include "features/FeaturesFolder.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/Fingerprint.h"

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using nlohmann::json;

namespace dq {
namespace {

std::string sampleHash(const fs::path& file)
{
    Fingerprint fp;
    fp.addFileSample(file);
    return fp.hex();
}

json fileEntry(const fs::path& file, const FeatureFile& f)
{
    return {{"shape", f.shape},
            {"dtype", dtypeName(f.dtype)},
            {"bytes", fs::file_size(file)},
            {"sample_hash", sampleHash(file)}};
}

} // namespace

void checkFeaturesTarget(const fs::path& dir) { refuseForeignFolder(dir, kFeaturesManifest); }

bool hasFeaturesManifest(const fs::path& dir)
{
    std::error_code ec;
    return fs::is_regular_file(dir / kFeaturesManifest, ec);
}

FeaturesFolder readFeaturesFolder(const fs::path& dir)
{
    const fs::path manifest = dir / kFeaturesManifest;
    if (!hasFeaturesManifest(dir))
        throw Error(dir.string(), "not a features folder (no features.json)");
    json j;
    try {
        j = json::parse(readFileBytes(manifest));
    } catch (const json::exception& e) {
        throw Error(manifest.string(), std::string("is not valid JSON: ") + e.what());
    }
    FeaturesFolder f;
    f.dir = dir;
    try {
        if (j.at("format").get<std::string>() != "dq-features")
            throw Error(manifest.string(), "is not a dq-features manifest");
        if (j.at("format_version").get<int>() != 1)
            throw Error(manifest.string(), "format_version " + j.at("format_version").dump() + " is not supported");
        f.mode = parseFeatureMode(j.at("mode").get<std::string>());
        f.rows = j.at("rows").get<std::int64_t>();
        f.classes = j.at("classes").get<std::int64_t>();
        f.dim = j.at("dim").get<std::int64_t>();
        f.cacheKeyText = j.value("cache_key_text", "");
        f.device = j.value("device", "");
        f.epochs = j.value("epochs", 0);
        if (j.contains("dataset") && j["dataset"].is_object())
            f.datasetName = j["dataset"].value("name", "");
        for (const auto& [name, entry] : j.at("files").items()) {
            const fs::path file = dir / name;
            std::error_code ec;
            if (!fs::is_regular_file(file, ec))
                throw Error(file.string(), "is missing (listed in " + manifest.string() + ")");
            if (fs::file_size(file) != entry.at("bytes").get<std::uintmax_t>() ||
                sampleHash(file) != entry.at("sample_hash").get<std::string>())
                throw Error(file.string(), "is corrupt or changed: its size or content differs from " + manifest.string());
            const auto shape = entry.at("shape").get<std::vector<std::int64_t>>();
            if (shape.empty() || shape[0] != f.rows)
                throw Error(file.string(),
                            "has " + std::to_string(shape.empty() ? 0 : shape[0]) + " rows, not " + std::to_string(f.rows));
            if (name == "b.npy")
                f.b = file;
            else if (name == "e.npy")
                f.e = file;
            else if (name == "labels.npy")
                f.labels = file;
            else if (name == "logits.npy")
                f.logits = file;
            else if (name == "forgetting.npy")
                f.forgetting = file;
            else if (name == "aum.npy")
                f.aum = file;
            else
                f.features = file;
        }
    } catch (const json::exception& e) {
        throw Error(manifest.string(), std::string("lacks a field or has one of the wrong type: ") + e.what());
    }
    if (f.mode == FeatureMode::Gradient ? (f.b.empty() || f.e.empty()) : f.features.empty())
        throw Error(manifest.string(), "lists no feature files for mode " + featureModeName(f.mode));
    return f;
}

void writeFeaturesManifest(const fs::path& dir, const std::vector<FeatureFile>& files, const std::string& descriptionJson)
{
    json j = json::parse(descriptionJson);
    json entries = json::object();
    for (const FeatureFile& f : files)
        entries[f.name] = fileEntry(dir / f.name, f);
    j["files"] = entries;
    writeFileAtomically(dir / kFeaturesManifest, j.dump(2) + "\n");
}

void copyFeaturesFolder(const FeaturesFolder& from, const fs::path& dir)
{
    checkFeaturesTarget(dir);
    AtomicDirectory staging(dir);
    for (const fs::path& file :
         {from.b, from.e, from.features, from.logits, from.forgetting, from.aum, from.labels, from.dir / kFeaturesManifest})
        if (!file.empty())
            fs::copy_file(file, staging.staging() / file.filename(), fs::copy_options::overwrite_existing);
    staging.commit();
}

} // namespace dq
