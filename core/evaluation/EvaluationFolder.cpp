#include "evaluation/EvaluationFolder.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/internal/Timestamp.h"
#include "evaluation/internal/EvaluationJson.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace fs = std::filesystem;
using nlohmann::json;

namespace dq {
namespace {

constexpr const char* kFormat = "dq-evaluation";
constexpr int kFormatVersion = 1;

json meanStdJson(const MeanStd& m) { return {{"mean", m.mean}, {"std", m.std}}; }

MeanStd meanStdFrom(const json& j) { return {j.at("mean").get<double>(), j.at("std").get<double>()}; }

json recipeJson(const EvaluationRecipe& r)
{
    return {{"model", r.model},
            {"width", r.width},
            {"epochs", r.epochs},
            {"batch", r.batchSize},
            {"lr", r.learningRate},
            {"momentum", r.momentum},
            {"weight_decay", r.weightDecay},
            {"nesterov", r.nesterov},
            {"schedule", "cosine over all steps"},
            {"optimizer", "SGD"},
            {"augment", {{"crop", r.crop}, {"flip", r.flip}}}};
}

EvaluationRecipe recipeFrom(const json& j)
{
    EvaluationRecipe r;
    r.model = j.at("model").get<std::string>();
    r.width = j.at("width").get<int>();
    r.epochs = j.at("epochs").get<int>();
    r.batchSize = j.at("batch").get<int>();
    r.learningRate = j.at("lr").get<double>();
    r.momentum = j.at("momentum").get<double>();
    r.weightDecay = j.at("weight_decay").get<double>();
    r.nesterov = j.at("nesterov").get<bool>();
    r.crop = j.at("augment").at("crop").get<bool>();
    r.flip = j.at("augment").at("flip").get<bool>();
    return r;
}

SubsetKind kindFrom(const std::string& name, const std::string& where)
{
    for (SubsetKind k : {SubsetKind::Indices, SubsetKind::Reconstructed, SubsetKind::Random, SubsetKind::Full,
                         SubsetKind::Swept, SubsetKind::Selected, SubsetKind::Codec})
        if (name == subsetKindName(k))
            return k;
    throw Error(where, "unknown subset kind '" + name + "'");
}

} // namespace

std::string evaluationJson(const EvaluationResult& r)
{
    json j;
    j["format"] = kFormat;
    j["format_version"] = kFormatVersion;
    j["created"] = utcTimestamp();
    j["dataset"] = {{"name", r.datasetName},     {"spec", r.datasetSpec},   {"train_size", r.trainSize},
                    {"test_split", r.testSplit}, {"test_size", r.testSize}, {"classes", r.classNames}};
    j["recipe"] = recipeJson(r.recipe);
    j["seeds"] = r.seeds;
    j["score_seeds"] = r.scoreSeeds; // the methods' EL2N / GraNd trainings averaged
    j["device"] = r.device;
    j["threads"] = r.threads;
    j["seconds"] = r.seconds;
    j["notes"] = r.notes;
    json subsets = json::array();
    for (const SubsetResult& s : r.subsets) {
        json runs = json::array();
        for (const SeedRun& run : s.runs)
            runs.push_back(seedRunJson(run));
        subsets.push_back({{"name", s.name},
                           {"kind", subsetKindName(s.kind)},
                           {"source", s.source},
                           {"ratio", s.ratio},
                           {"images", s.images},
                           {"class_counts", s.classCounts},
                           {"stored_bytes", s.storedBytes},
                           {"runs", runs},
                           {"final_acc", meanStdJson(s.finalAccuracy)},
                           {"best_acc", meanStdJson(s.bestAccuracy)},
                           {"best_acc_note", "the best epoch's test accuracy: chosen on the test set, it flatters"},
                           {"seconds", s.seconds}});
    }
    j["subsets"] = subsets;
    return j.dump(2) + "\n";
}

std::string curvesCsv(const EvaluationResult& r)
{
    std::string out = "subset,seed,epoch,train_loss,test_loss,test_acc\n";
    char line[160];
    for (const SubsetResult& s : r.subsets)
        for (const SeedRun& run : s.runs)
            for (const EpochRecord& e : run.epochs) {
                std::snprintf(line, sizeof line, ",%llu,%d,%.6f,%.6f,%.6f\n", static_cast<unsigned long long>(run.seed),
                              e.epoch, e.trainLoss, e.testLoss, e.testAccuracy);
                out += s.name.find_first_of(",\"\n") == std::string::npos ? s.name : "\"" + s.name + "\"";
                out += line;
            }
    return out;
}

void writeEvaluationFolder(const fs::path& dir, const EvaluationResult& result)
{
    refuseForeignFolder(dir, kEvaluationManifest);
    AtomicDirectory staging(dir);
    writeFileAtomically(staging.staging() / kEvaluationManifest, evaluationJson(result));
    writeFileAtomically(staging.staging() / "curves.csv", curvesCsv(result));
    staging.commit();
}

EvaluationResult readEvaluationJson(const fs::path& file)
{
    const std::string where = file.string();
    json j;
    try {
        j = json::parse(readFileBytes(file));
    } catch (const json::exception& e) {
        throw Error(where, std::string("not valid JSON: ") + e.what());
    }
    if (j.value("format", "") != kFormat)
        throw Error(where, "not an evaluation file (\"format\" is not \"dq-evaluation\")");
    if (j.value("format_version", 0) > kFormatVersion)
        throw Error(where, "format version " + std::to_string(j.value("format_version", 0)) +
                               " is newer than this program reads (" + std::to_string(kFormatVersion) + ")");
    try {
        EvaluationResult r;
        const json& d = j.at("dataset");
        r.datasetName = d.at("name").get<std::string>();
        r.datasetSpec = d.at("spec").get<std::string>();
        r.trainSize = d.at("train_size").get<std::int64_t>();
        r.testSplit = d.at("test_split").get<std::string>();
        r.testSize = d.at("test_size").get<std::int64_t>();
        r.classNames = d.at("classes").get<std::vector<std::string>>();
        r.recipe = recipeFrom(j.at("recipe"));
        r.seeds = j.at("seeds").get<std::vector<std::uint64_t>>();
        r.scoreSeeds = j.value("score_seeds", 1); // absent before it was recorded
        r.device = j.at("device").get<std::string>();
        r.threads = j.at("threads").get<int>();
        r.seconds = j.at("seconds").get<double>();
        r.notes = j.at("notes").get<std::vector<std::string>>();
        for (const json& s : j.at("subsets")) {
            SubsetResult sr;
            sr.name = s.at("name").get<std::string>();
            sr.kind = kindFrom(s.at("kind").get<std::string>(), where);
            sr.source = s.at("source").get<std::string>();
            sr.ratio = s.at("ratio").get<double>();
            sr.images = s.at("images").get<std::int64_t>();
            sr.classCounts = s.at("class_counts").get<std::vector<std::int64_t>>();
            sr.storedBytes = s.value("stored_bytes", std::int64_t(0));
            for (const json& run : s.at("runs"))
                sr.runs.push_back(seedRunFrom(run));
            sr.finalAccuracy = meanStdFrom(s.at("final_acc"));
            sr.bestAccuracy = meanStdFrom(s.at("best_acc"));
            sr.seconds = s.at("seconds").get<double>();
            r.subsets.push_back(std::move(sr));
        }
        return r;
    } catch (const json::exception& e) {
        throw Error(where, std::string("missing or malformed field: ") + e.what());
    }
}

} // namespace dq
