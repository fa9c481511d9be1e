#include "text/TextEmbeddings.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/FieldError.h"
#include "common/Fingerprint.h"
#include "common/Progress.h"
#include "text/EmbeddingCache.h"
#include "text/InstructionDataset.h"
#include "text/TorchScriptEncoder.h"

#include <chrono>
#include <cmath>

namespace fs = std::filesystem;

namespace dq {
namespace {

std::vector<TextSegments> segmentsOf(const InstructionDataset& data)
{
    std::vector<TextSegments> docs;
    docs.reserve(data.records.size());
    for (const auto& r : data.records)
        docs.push_back({r.instruction, r.input, r.output});
    return docs;
}

NpyArray readEmbeddingFile(const fs::path& path)
{
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        throw Error(path.string(), "no such embeddings file");
    NpyArray a = readNpy(path);
    if (a.shape.size() != 2)
        throw Error(path.string(),
                    "expected a 2-D array of embeddings (records x dimensions), got shape " + shapeText(a.shape));
    if (a.dtype == DType::Float64)
        a = NpyArray::fromVector(a.toVector<float>(), a.shape);
    else if (a.dtype != DType::Float32)
        throw Error(path.string(), std::string("expected float32 or float64 embeddings, got ") + dtypeName(a.dtype));
    return a;
}

// Embeddings computed here: from the cache when it holds them, else computed and stored.
TextEmbeddings computed(const InstructionDataset& data, const TextEmbeddingSpec& spec, const EmbeddingCache& cache,
                        bool reuseCache, Progress& progress, const CancelToken& cancel)
{
    TextEmbeddings e;
    e.kind = spec.kind;
    e.source = spec.kind == TextEmbeddingKind::Tfidf ? "tfidf" : spec.path.string();
    if (cache.enabled()) {
        e.cacheKey = textEmbeddingCacheKey(data, spec);
        e.cacheFile = cache.fileFor(e.cacheKey);
        const std::int64_t dim = spec.kind == TextEmbeddingKind::Tfidf ? spec.tfidf.dim : 0;
        if (auto hit = reuseCache ? cache.load(e.cacheKey, data.size(), dim) : std::nullopt) {
            e.matrix = std::move(*hit);
            e.fromCache = true;
            return e;
        }
    }
    if (spec.kind == TextEmbeddingKind::Tfidf) {
        TfidfStats stats;
        e.matrix = tfidfEmbedding(segmentsOf(data), spec.tfidf, progress, cancel, &stats);
        e.vocabulary = stats.vocabulary;
    } else {
        std::vector<std::string> texts;
        texts.reserve(data.records.size());
        for (std::int64_t i = 0; i < data.size(); ++i)
            texts.push_back(data.text(i));
        e.matrix = encodeWithTorchScript({spec.path, spec.batchSize}, texts, progress, cancel);
    }
    cancel.throwIfCancelled();
    if (cache.enabled()) {
        try {
            cache.store(e.cacheKey, e.matrix);
        } catch (const Error& err) {
            e.warnings.push_back({"text.embeddings-not-cached", cache.fileFor(e.cacheKey).string(),
                                  std::string("embeddings not cached: ") + err.what()});
            e.cacheFile.clear();
        }
    }
    return e;
}

} // namespace

const char* textEmbeddingKindName(TextEmbeddingKind k)
{
    switch (k) {
    case TextEmbeddingKind::File:
        return "file";
    case TextEmbeddingKind::Tfidf:
        return "tfidf";
    case TextEmbeddingKind::TorchScript:
        return "torchscript";
    case TextEmbeddingKind::None:
        break;
    }
    return "none";
}

TextEmbeddingSpec TextEmbeddingSpec::fromOptions(const std::string& embeddingsFile, const std::string& embed)
{
    TextEmbeddingSpec s;
    if (!embeddingsFile.empty() && !embed.empty())
        throw FieldError("embeddings", "give either an embeddings file or an embedding method, not both");
    if (!embeddingsFile.empty()) {
        s.kind = TextEmbeddingKind::File;
        s.path = embeddingsFile;
    } else if (embed == "tfidf") {
        s.kind = TextEmbeddingKind::Tfidf;
    } else if (embed.rfind("torchscript:", 0) == 0 && embed.size() > 12) {
        s.kind = TextEmbeddingKind::TorchScript;
        s.path = embed.substr(12);
    } else if (!embed.empty()) {
        throw FieldError("embed", "unknown method '" + embed + "' (expected tfidf or torchscript:MODEL.pt)");
    }
    return s;
}

void checkEmbeddingRows(const NpyArray& m, std::int64_t records, const std::string& source, const std::string& dataSource)
{
    if (m.dtype != DType::Float32 || m.shape.size() != 2)
        throw Error(source, "expected a 2-D float32 array of embeddings, got shape " + shapeText(m.shape));
    if (m.shape[0] != records)
        throw Error(source, std::to_string(m.shape[0]) + " rows of embeddings for the " + std::to_string(records) +
                                " records of " + dataSource + "; expected one row per record, in record order");
    if (m.shape[1] < 1)
        throw Error(source, "the embeddings have no columns");
    const float* p = m.data<float>();
    const std::int64_t d = m.shape[1];
    std::vector<std::int64_t> bad;
    std::int64_t count = 0;
    for (std::int64_t i = 0; i < records; ++i) {
        for (std::int64_t k = 0; k < d; ++k) {
            if (!std::isfinite(p[i * d + k])) {
                if (bad.size() < 5)
                    bad.push_back(i);
                ++count;
                break;
            }
        }
    }
    if (count == 0)
        return;
    std::string rows;
    for (std::size_t k = 0; k < bad.size(); ++k)
        rows += (k ? ", " : "") + std::to_string(bad[k]);
    if (count > static_cast<std::int64_t>(bad.size()))
        rows += ", ...";
    throw Error(source, std::to_string(count) + (count == 1 ? " row holds" : " rows hold") +
                            " NaN or infinite values: row " + rows + " (rows are records of " + dataSource +
                            ", numbered from 0)");
}

std::string textEmbeddingCacheKey(const InstructionDataset& data, const TextEmbeddingSpec& spec)
{
    Fingerprint fp;
    fp.add(std::string_view("dq text embeddings v1"));
    fp.add(data.fingerprint);
    fp.add(static_cast<std::uint64_t>(data.bytes));
    fp.add(std::string(instructionFormatName(data.format)));
    for (const std::string* f : {&data.fields.instruction, &data.fields.input, &data.fields.output}) {
        fp.add(static_cast<std::uint64_t>(f->size()));
        fp.add(*f);
    }
    fp.add(std::string(textEmbeddingKindName(spec.kind)));
    if (spec.kind == TextEmbeddingKind::Tfidf) {
        fp.add(std::string_view("tokenizer v1, unigrams+bigrams, sublinear tf, smooth idf, block sparse JL"));
        fp.add(static_cast<std::uint64_t>(spec.tfidf.dim));
        fp.add(spec.tfidf.seed);
        fp.add(static_cast<std::uint64_t>(spec.tfidf.nonzerosPerTerm));
    } else if (spec.kind == TextEmbeddingKind::TorchScript) {
        fp.add(std::string_view("text: instruction [input] output joined by spaces"));
        fp.add(readFileBytes(spec.path));
    }
    return fp.hex();
}

TextEmbeddings loadTextEmbeddings(const InstructionDataset& data, const TextEmbeddingSpec& spec, const EmbeddingCache& cache,
                                  bool reuseCache, Progress& progress, const CancelToken& cancel)
{
    const auto t0 = std::chrono::steady_clock::now();
    TextEmbeddings e;
    switch (spec.kind) {
    case TextEmbeddingKind::None:
        throw FieldError("embeddings",
                         "give an embeddings file (.npy) or an embedding method (tfidf or torchscript:MODEL.pt)");
    case TextEmbeddingKind::File:
        progress.setStage("read embeddings", 0);
        e.kind = spec.kind;
        e.source = spec.path.string();
        e.matrix = readEmbeddingFile(spec.path);
        progress.finishStage();
        break;
    case TextEmbeddingKind::Tfidf:
    case TextEmbeddingKind::TorchScript:
        if (spec.kind == TextEmbeddingKind::TorchScript) {
            std::error_code ec;
            if (!fs::is_regular_file(spec.path, ec))
                throw Error(spec.path.string(), "no such TorchScript file");
        }
        e = computed(data, spec, cache, reuseCache, progress, cancel);
        break;
    }
    checkEmbeddingRows(e.matrix, data.size(), e.source, data.path.string());
    e.dim = e.matrix.shape[1];
    e.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return e;
}

} // namespace dq
