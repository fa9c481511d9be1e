#include "stages/BinsStage.h"

#include "bins/internal/BinInputs.h"
#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/FieldError.h"
#include "common/Progress.h"
#include "io/Npy.h"
#include "common/JobContext.h"
#include "distributed/RankGroup.h"
#include "stages/internal/StageCache.h"
#include "submodular/Greedy.h"
#include "submodular/SubmodularFunction.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>

namespace fs = std::filesystem;
using nlohmann::json;

namespace dq {
namespace {

BinInputs loadInputs(const BinsSource& s, Kernel kernel)
{
    const int given = !s.features.empty() + (!s.gradientB.empty() || !s.gradientE.empty()) + (s.matrix != nullptr);
    if (given != 1)
        throw FieldError("features", "give exactly one of features, gradient factors or a matrix");
    const auto t0 = std::chrono::steady_clock::now();
    BinInputs in;
    if (s.matrix) {
        in = denseInputsFromArray(s.matrix, s.matrixLabels, s.source, kernel);
        in.info.fingerprint = s.matrixFingerprint;
    } else if (!s.features.empty()) {
        in = loadDenseInputs(s.features, s.labels, kernel);
    } else {
        if (s.gradientB.empty() || s.gradientE.empty())
            throw FieldError("gradients", "expected both gradient factors, B.npy and E.npy");
        in = loadGradientInputs(s.gradientB, s.gradientE, s.labels, kernel);
    }
    if (!s.source.empty())
        in.info.features = s.source;
    if (s.dropLabels)
        in.labels.clear();
    in.info.loadSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return in;
}

// The BinResult that writeBinsFolder stored in `dir`, read back whole (the unbalanced
// form's left-over samples are the rows in no bin). Throws dq::Error on anything amiss.
BinResult readEntry(const fs::path& dir, const BinInputs& in, std::vector<int>& labels)
{
    const BinsFolderContent c = readBinsFolder(dir);
    if (c.datasetSize != in.info.rows)
        throw Error((dir / "bins.json").string(), "holds bins of " + std::to_string(c.datasetSize) + " rows for inputs of " +
                                                      std::to_string(in.info.rows));
    if (c.labels != in.labels)
        throw Error((dir / "labels.npy").string(), "differs from the inputs' labels");
    const fs::path manifest = dir / "bins.json";
    BinResult r;
    try {
        const json j = json::parse(readFileBytes(manifest));
        r.greedyUsed = j.at("greedy_used").get<std::string>();
        r.exact = j.at("exact").get<bool>();
        r.exactness = j.at("exactness").get<std::string>();
        if (j.contains("warning_notes"))
            for (const json& w : j.at("warning_notes"))
                r.warnings.push_back(
                    {w.at("code").get<std::string>(), w.at("where").get<std::string>(), w.at("text").get<std::string>()});
        else // an entry from before the codes
            for (const auto& text : j.at("warnings").get<std::vector<std::string>>())
                r.warnings.push_back({"bins.warning", {}, text});
        r.seconds = j.at("timings").at("bins_s").get<double>();
        r.threads = j.at("timings").at("threads").get<int>();
        for (const json& b : j.at("bins")) {
            BinStats s;
            s.count = b.at("count").get<std::int64_t>();
            s.classCounts = b.at("class_counts").get<std::vector<std::int64_t>>();
            s.greedy = b.at("selected_greedily").get<bool>();
            s.objective = b.at("objective").get<double>();
            s.evaluations = b.at("evaluations").get<std::int64_t>();
            s.quickBounds = b.at("quick_bounds").get<std::int64_t>();
            s.seconds = b.at("seconds").get<double>();
            r.stats.push_back(std::move(s));
        }
        std::vector<char> inBin(static_cast<std::size_t>(c.datasetSize), 0);
        for (const auto& bin : c.bins)
            for (const std::int64_t i : bin) {
                if (i < 0 || i >= c.datasetSize || inBin[static_cast<std::size_t>(i)])
                    throw Error(manifest.string(), "a bin holds index " + std::to_string(i) + " twice or out of range");
                inBin[static_cast<std::size_t>(i)] = 1;
            }
        for (std::int64_t i = 0; i < c.datasetSize; ++i)
            if (!inBin[static_cast<std::size_t>(i)])
                r.unassigned.push_back(i);
        if (r.unassigned.size() != j.at("unassigned").get<std::size_t>())
            throw Error(manifest.string(), "its bins leave " + std::to_string(r.unassigned.size()) +
                                               " rows unassigned, not " + j.at("unassigned").dump());
    } catch (const json::exception& e) {
        throw Error(manifest.string(), std::string("missing or malformed field: ") + e.what());
    }
    r.bins = c.bins;
    labels = c.labels;
    return r;
}

} // namespace

std::string binsKey(const BinInputs& in, const BinsParams& p)
{
    StageKey k("bins");
    k.add("representation", in.info.representation);
    for (const auto& m : in.matrices) {
        k.add("shape", shapeText(m->shape));
        k.addBytes("matrix", m->bytes.data(), m->bytes.size());
    }
    const std::vector<std::int64_t> labels(in.labels.begin(), in.labels.end());
    k.addBytes("labels", labels.data(), labels.size() * sizeof(std::int64_t));
    // Every parameter that changes the bins; the memory limit, threads and ranks do not,
    // nor the seed and epsilon outside the stochastic greedy, nor beta outside approx-lazy
    // (so dq text --seed 4 and DQ Studio's seed 0 share the lazy greedy's bins).
    const BinParams& e = p.engine;
    k.add("bins", static_cast<std::int64_t>(e.bins));
    k.add("function", functionName(e.function));
    k.add("greedy", greedyName(e.greedy.kind));
    if (e.greedy.kind == GreedyKind::Stochastic) {
        k.add("epsilon", e.greedy.epsilon);
        k.add("seed", static_cast<std::int64_t>(e.greedy.seed));
    }
    if (e.greedy.kind == GreedyKind::ApproximateLazy)
        k.add("beta", e.greedy.beta);
    k.add("lambda", e.lambda);
    k.add("balance", static_cast<std::int64_t>(e.balance));
    k.add("kernel", kernelName(p.kernel));
    return k.hex();
}

BinsResult runBins(const BinsParams& p, JobContext& ctx)
{
    const BinInputs in = loadInputs(p.source, p.kernel);
    ctx.cancel().throwIfCancelled();
    BinsResult out;
    out.input = in.info;
    out.key = binsKey(in, p);
    const fs::path entry = StageCache(p.cacheDir).entry("bins", out.key);
    std::error_code ec;
    if (p.useCache && fs::exists(entry, ec)) {
        if (p.reuseCache) {
            try {
                out.bins = readEntry(entry, in, out.labels);
                out.folder = entry;
                out.fromCache = true;
                return out;
            } catch (const Error& e) {
                ctx.note("bins.cache-repaired", entry.string(), std::string(e.what()) + "; the bins are computed again");
            }
        }
        fs::remove_all(entry, ec); // ours: a damaged or refused entry makes room for the new one
    }
    if (!p.engine.balance && p.engine.group && p.engine.group->multiProcess())
        ctx.note("bins.pool-across-ranks", {},
                 "one pool shared by " + std::to_string(p.engine.group->size()) +
                     " ranks gives one process's bins but takes longer than one process (the sharded exact "
                     "greedy lacks the one-process engine's quick bounds; docs/scale-out.md): run a single pool "
                     "in one process");
    out.bins = generateBins(*in.space, in.labels, p.engine, ctx.progress(), ctx.cancel());
    ctx.cancel().throwIfCancelled();
    out.labels = in.labels;
    if (p.useCache) {
        fs::create_directories(entry.parent_path());
        writeBinsFolder(entry, p.name, out.bins, p.engine, in.info, in.labels);
        out.folder = entry;
    }
    return out;
}

} // namespace dq
