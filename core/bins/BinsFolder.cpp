#include "bins/BinsFolder.h"

#include "common/internal/Timestamp.h"
#include "bins/BinGenerator.h"
#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/FieldError.h"
#include "io/Npy.h"
#include "submodular/SimilaritySpace.h"

#include <nlohmann/json.hpp>

#include <ctime>

namespace fs = std::filesystem;
using nlohmann::json;

namespace dq {
namespace {

constexpr const char* kManifest = "bins.json";
constexpr const char* kLabels = "labels.npy";

json manifest(const std::string& name, const BinResult& r, const BinParams& p, const BinsInputInfo& in,
              const std::vector<int>& labels)
{
    json j;
    j["format"] = "dq-bins";
    j["format_version"] = 1;
    j["dq_version"] = DQ_VERSION;
    j["created"] = utcTimestamp();
    j["name"] = name;
    j["dataset_size"] = in.rows;
    j["input"] = {{"features", in.features}, {"labels", in.labels}, {"fingerprint", in.fingerprint},
                  {"rows", in.rows},         {"dim", in.dim},       {"representation", in.representation}};
    j["parameters"] = {{"bins", p.bins},
                       {"function", functionName(p.function)},
                       {"greedy", greedyName(p.greedy.kind)},
                       {"lambda", p.lambda},
                       {"balance", p.balance},
                       {"seed", p.greedy.seed},
                       {"epsilon", p.greedy.epsilon},
                       {"beta", p.greedy.beta},
                       {"memory_limit_bytes", p.memoryLimitBytes}};
    j["greedy_used"] = r.greedyUsed;
    j["exact"] = r.exact;
    j["exactness"] = r.exactness;
    j["warnings"] = noteTexts(r.warnings); // for readers that want the texts
    j["warning_notes"] = json::array();
    for (const Note& w : r.warnings)
        j["warning_notes"].push_back({{"code", w.code}, {"where", w.where}, {"text", w.text}});
    j["labels_file"] = labels.empty() ? json(nullptr) : json(kLabels);
    json bins = json::array();
    for (std::size_t b = 0; b < r.bins.size(); ++b) {
        const BinStats& s = r.stats[b];
        bins.push_back({{"index", b},
                        {"file", binFileName(name, static_cast<int>(b))},
                        {"count", s.count},
                        {"class_counts", s.classCounts},
                        {"selected_greedily", s.greedy},
                        {"objective", s.objective},
                        {"evaluations", s.evaluations},
                        {"quick_bounds", s.quickBounds},
                        {"seconds", s.seconds}});
    }
    j["bins"] = bins;
    j["unassigned"] = r.unassigned.size();
    j["timings"] = {{"load_s", in.loadSeconds}, {"bins_s", r.seconds}, {"threads", r.threads}};
    return j;
}

} // namespace

std::string binFileName(const std::string& name, int bin)
{
    return "select_indices_" + name + "_exp" + std::to_string(bin) + ".npy";
}

void writeBinsFolder(const fs::path& dir, const std::string& name, const BinResult& r, const BinParams& p,
                     const BinsInputInfo& in, const std::vector<int>& labels)
{
    if (name.empty() || name.find('/') != std::string::npos)
        throw FieldError("name", "must be non-empty and contain no '/'");
    refuseForeignFolder(dir, kManifest);
    AtomicDirectory out(dir);
    for (std::size_t b = 0; b < r.bins.size(); ++b)
        writeNpy(out.staging() / binFileName(name, static_cast<int>(b)), NpyArray::fromVector(r.bins[b]));
    if (!labels.empty()) {
        std::vector<std::int64_t> l(labels.begin(), labels.end());
        writeNpy(out.staging() / kLabels, NpyArray::fromVector(l));
    }
    writeFileAtomically(out.staging() / kManifest, manifest(name, r, p, in, labels).dump(2) + "\n");
    out.commit();
}

BinsFolderContent readBinsFolder(const fs::path& dir)
{
    const fs::path mpath = dir / kManifest;
    json j;
    try {
        j = json::parse(readFileBytes(mpath));
    } catch (const json::exception& e) {
        throw Error(mpath.string(), std::string("not valid JSON: ") + e.what());
    }
    BinsFolderContent c;
    try {
        if (j.value("format", "") != "dq-bins")
            throw Error(mpath.string(), "not a DQ Studio bins manifest (format is not \"dq-bins\")");
        c.name = j.at("name").get<std::string>();
        c.datasetSize = j.at("dataset_size").get<std::int64_t>();
        for (const json& b : j.at("bins")) {
            const fs::path f = dir / b.at("file").get<std::string>();
            const NpyArray a = readNpy(f);
            if (a.shape.size() != 1)
                throw Error(f.string(), "expected a 1-D array of indices");
            c.bins.push_back(a.toVector<std::int64_t>());
            if (static_cast<std::int64_t>(c.bins.back().size()) != b.at("count").get<std::int64_t>())
                throw Error(f.string(), "holds " + std::to_string(c.bins.back().size()) + " indices but bins.json says " +
                                            std::to_string(b.at("count").get<std::int64_t>()));
        }
        if (j.contains("labels_file") && j["labels_file"].is_string()) {
            const fs::path f = dir / j["labels_file"].get<std::string>();
            const std::vector<std::int64_t> l = readNpy(f).toVector<std::int64_t>();
            if (static_cast<std::int64_t>(l.size()) != c.datasetSize)
                throw Error(f.string(),
                            std::to_string(l.size()) + " labels for a dataset of " + std::to_string(c.datasetSize));
            c.labels.assign(l.begin(), l.end());
        }
    } catch (const json::exception& e) {
        throw Error(mpath.string(), std::string("missing or malformed field: ") + e.what());
    }
    return c;
}

} // namespace dq
