// The files of `dq text`: the subset, its indices and the manifest.
#include "text/TextPipeline.h"

#include "common/internal/Timestamp.h"
#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/FieldError.h"
#include "text/internal/InstructionWriter.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>

namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace dq {
namespace {

bool samePath(const fs::path& a, const fs::path& b)
{
    std::error_code ec;
    if (fs::exists(a, ec) && fs::exists(b, ec))
        return fs::equivalent(a, b, ec);
    return fs::absolute(a, ec).lexically_normal() == fs::absolute(b, ec).lexically_normal();
}

ordered_json manifest(const TextOutputPaths& paths, const TextRun& run, const TextPipelineParams& p, double writeSeconds)
{
    const InstructionDataset& d = run.data;
    const TextSelection& s = run.selection;
    const TextEmbeddings& e = run.embeddings;
    ordered_json j;
    j["format"] = "dq-text-subset";
    j["format_version"] = 1;
    j["dq_version"] = DQ_VERSION;
    j["created"] = utcTimestamp();
    j["method"] = s.method;
    j["data"] = {{"path", d.path.string()},
                 {"format", instructionFormatName(d.format)},
                 {"records", d.size()},
                 {"bytes", d.bytes},
                 {"fingerprint", d.fingerprint},
                 {"fields",
                  {{"instruction", d.fields.instruction}, {"input", d.fields.input}, {"output", d.fields.output}}}};
    ordered_json emb = {{"method", textEmbeddingKindName(e.kind)}, {"used", run.embedded && s.method == "dq"}};
    if (run.embedded) {
        emb["source"] = e.source;
        emb["rows"] = d.size();
        emb["dim"] = e.dim;
        if (e.kind == TextEmbeddingKind::Tfidf || e.kind == TextEmbeddingKind::TorchScript) {
            emb["from_cache"] = e.fromCache;
            emb["cache_file"] = e.cacheFile.empty() ? ordered_json(nullptr) : ordered_json(e.cacheFile.string());
        }
        if (e.kind == TextEmbeddingKind::Tfidf) {
            emb["tfidf"] = {{"ngrams", "word unigrams and bigrams"},
                            {"tf", "1 + ln(tf)"},
                            {"idf", "ln((1 + N) / (1 + df)) + 1"},
                            {"norm", "l2, before and after the projection"},
                            {"vocabulary", e.fromCache ? ordered_json(nullptr) : ordered_json(e.vocabulary)},
                            {"projection", "block sparse Johnson-Lindenstrauss (Kane-Nelson), SplitMix64"},
                            {"nonzeros_per_term", p.embedding.tfidf.nonzerosPerTerm},
                            {"projection_seed", p.embedding.tfidf.seed}};
        }
        emb["seconds"] = e.seconds;
    }
    j["embeddings"] = emb;
    j["parameters"] = {{"ratio", p.ratio},
                       {"bins", p.bins},
                       {"kernel", kernelName(p.kernel)},
                       {"function", "graphcut"},
                       {"greedy", greedyName(p.greedy)},
                       {"seed", p.seed}};
    ordered_json counts = {{"records", d.size()},
                           {"selected", s.indices.size()},
                           {"requested_ratio", p.ratio},
                           {"true_ratio", s.trueRatio},
                           {"per_bin_sample", s.perBinSample},
                           {"per_bin_sample_rule", "int(int(N * ratio) / K), as the reference's alpaca_sample.py"}};
    if (s.method == "dq") {
        counts["bin_size"] = d.size() / p.bins;
        counts["bin_sizes"] = s.binSizes;
        counts["per_bin"] = s.perBin;
        counts["unassigned"] = s.unassigned;
    }
    j["counts"] = counts;
    if (s.method == "dq") {
        j["exact"] = s.exact;
        j["exactness"] = s.exactness;
        j["greedy_used"] = s.greedyUsed;
    }
    j["outputs"] = {{"subset", paths.subset.string()},
                    {"indices", paths.indices.string()},
                    {"order", "ascending record index (the input's order); records numbered from 0"}};
    j["warnings"] = noteTexts(run.warnings);
    j["timings"] = {{"read_s", run.readSeconds}, {"embeddings_s", e.seconds},
                    {"bins_s", s.binSeconds},    {"sample_s", s.sampleSeconds},
                    {"write_s", writeSeconds},   {"total_s", run.totalSeconds + writeSeconds}};
    return j;
}

} // namespace

TextOutputPaths TextOutputPaths::forOutput(const fs::path& out)
{
    if (out.empty() || !out.has_filename())
        throw FieldError("out", "expected a file name such as subset.json, got '" + out.string() + "'");
    TextOutputPaths p;
    p.subset = out;
    p.indices = out.parent_path() / (out.stem().string() + ".indices.npy");
    p.meta = out.parent_path() / (out.filename().string() + ".meta.json");
    return p;
}

void checkTextOutputs(const TextOutputPaths& paths, const fs::path& data)
{
    for (const fs::path* out : {&paths.subset, &paths.indices, &paths.meta})
        if (samePath(*out, data))
            throw FieldError("out", out->string() + " is the input data file; choose another output name");
}

void writeTextOutputs(const TextOutputPaths& paths, const TextRun& run, const TextPipelineParams& params)
{
    checkTextOutputs(paths, run.data.path);
    const auto t0 = std::chrono::steady_clock::now();
    std::error_code ec;
    if (paths.subset.has_parent_path()) {
        fs::create_directories(paths.subset.parent_path(), ec);
        if (ec)
            throw Error(paths.subset.parent_path().string(), "cannot create the output folder: " + ec.message());
    }
    writeInstructionSubset(paths.subset, run.data, run.selection.indices);
    writeNpy(paths.indices, NpyArray::fromVector(run.selection.indices));
    const double writeSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    // Paths and field names come from the user: never let a stray byte abort the write.
    const std::string text =
        manifest(paths, run, params, writeSeconds).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    writeFileAtomically(paths.meta, text + "\n");
}

} // namespace dq
