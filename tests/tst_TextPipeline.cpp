// The text pipeline: bins and samples of instruction data as the reference's
// alpaca_sample.py counts them, the random baseline, the output files read back, bad
// embeddings, the embedding cache and the TorchScript encoder contract.
#include "TestSupport.h"

#include "bins/internal/PythonRound.h"
#include "common/AtomicFile.h"
#include "common/Progress.h"
#include "io/Npy.h"
#include "text/InstructionReader.h"
#include "text/internal/InstructionWriter.h"
#include "text/TextPipeline.h"
#include "text/TorchScriptEncoder.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <random>
#include <set>

using namespace dq;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kRecords = 503;
constexpr int kDim = 16;

fs::path fixture(const char* name) { return dqtest::fixturesDir() / "text" / name; }

// Records in 8 topics, so that the embeddings have structure.
std::string syntheticJson(std::int64_t n)
{
    std::string s = "[\n";
    for (std::int64_t i = 0; i < n; ++i) {
        s += "  {\"output\": \"answer " + std::to_string(i) + "\", \"instruction\": \"question " + std::to_string(i) +
             " about topic " + std::to_string(i % 8) + "\", \"input\": \"\", \"id\": " + std::to_string(i) + "}";
        s += i + 1 < n ? ",\n" : "\n";
    }
    return s + "]\n";
}

// Unit vectors around 8 topic directions.
NpyArray syntheticEmbeddings(std::int64_t n, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> g;
    std::vector<float> topics(8 * kDim), v(static_cast<std::size_t>(n * kDim));
    for (auto& x : topics)
        x = g(rng);
    for (std::int64_t i = 0; i < n; ++i) {
        double n2 = 0;
        for (int k = 0; k < kDim; ++k) {
            float& x = v[static_cast<std::size_t>(i * kDim + k)];
            x = topics[static_cast<std::size_t>((i % 8) * kDim + k)] + 0.5f * g(rng);
            n2 += double(x) * x;
        }
        for (int k = 0; k < kDim; ++k)
            v[static_cast<std::size_t>(i * kDim + k)] /= static_cast<float>(std::sqrt(n2));
    }
    return NpyArray::fromVector(v, {n, kDim});
}

QJsonObject readJson(const fs::path& p)
{
    QFile f(QString::fromStdString(p.string()));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

class TextPipelineTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    fs::path dir_, data_, embeddings_;

    TextPipelineParams params(double ratio = 0.1, int bins = 5) const
    {
        TextPipelineParams p;
        p.data = data_;
        p.embedding = TextEmbeddingSpec::fromOptions(embeddings_.string(), "");
        p.ratio = ratio;
        p.bins = bins;
        p.useCache = false;
        return p;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        dir_ = tmp_.path().toStdString();
        data_ = dir_ / "synthetic.json";
        embeddings_ = dir_ / "synthetic.npy";
        dqtest::writeBytes(data_, syntheticJson(kRecords));
        writeNpy(embeddings_, syntheticEmbeddings(kRecords, 3));
    }

    // alpaca_sample.py: n = int(N * ratio); bins_n = int(n / k); budget N // k.
    void perBinSampleIsTheReferences()
    {
        QCOMPARE(referencePerBinSample(52002, 0.1, 10), std::int64_t(520));
        QCOMPARE(referencePerBinSample(52002, 0.2, 10), std::int64_t(1040));
        QCOMPARE(referencePerBinSample(503, 0.1, 5), std::int64_t(10));
        QCOMPARE(referencePerBinSample(503, 0.5, 3), std::int64_t(83));
        // dq sample's round(ratio * (N // K)) gives the same for the usual ratios ...
        for (const double r : {0.01, 0.02, 0.05, 0.1, 0.125, 0.2, 0.3, 0.5})
            QCOMPARE(pythonRound(r * (52002 / 10)), referencePerBinSample(52002, r, 10));
        // ... but not for all: the reference truncates, rounding would draw one more.
        QCOMPARE(referencePerBinSample(52002, 0.123, 10), std::int64_t(639));
        QCOMPARE(pythonRound(0.123 * (52002 / 10)), std::int64_t(640));
    }

    void binsAndSamplesHaveTheReferenceSizes()
    {
        const TextPipelineParams p = params(0.1, 5);
        const TextSelection s = selectInstructions(readNpy(embeddings_), kRecords, p, Progress::none(), CancelToken());
        QCOMPARE(s.method, std::string("dq"));
        QCOMPARE(s.binSizes, std::vector<std::int64_t>(5, 100)); // N // K
        QCOMPARE(s.unassigned, std::int64_t(3));
        QCOMPARE(s.perBinSample, std::int64_t(10));
        QCOMPARE(s.perBin, std::vector<std::int64_t>(5, 10));
        QCOMPARE(s.indices.size(), std::size_t(50));
        QCOMPARE(s.trueRatio, 50.0 / 503.0);
        QVERIFY(std::is_sorted(s.indices.begin(), s.indices.end()));
        QCOMPARE(std::set<std::int64_t>(s.indices.begin(), s.indices.end()).size(), std::size_t(50));
        std::vector<int> perBin(5, 0);
        for (const std::int64_t i : s.indices) {
            const int b = s.binOf[static_cast<std::size_t>(i)];
            QVERIFY(b >= 0 && b < 5); // the 3 records left over are never selected
            ++perBin[static_cast<std::size_t>(b)];
        }
        QCOMPARE(perBin, std::vector<int>(5, 10));
        QCOMPARE(std::count(s.binOf.begin(), s.binOf.end(), -1), std::ptrdiff_t(3));
        QVERIFY(s.exact);
        // The first bin's GraphCut selection covers the topics: every topic is in it.
        std::set<std::int64_t> topics;
        for (std::int64_t i = 0; i < kRecords; ++i)
            if (s.binOf[static_cast<std::size_t>(i)] == 0)
                topics.insert(i % 8);
        QCOMPARE(topics.size(), std::size_t(8));

        // Same seed, same subset; another seed, another subset from the same bins.
        const TextSelection again = selectInstructions(readNpy(embeddings_), kRecords, p, Progress::none(), CancelToken());
        QCOMPARE(again.indices, s.indices);
        TextPipelineParams q = p;
        q.seed = 9;
        const TextSelection other = selectInstructions(readNpy(embeddings_), kRecords, q, Progress::none(), CancelToken());
        QVERIFY(other.indices != s.indices);
        QCOMPARE(other.binOf, s.binOf);
        // The cosine kernel and the naive greedy are accepted; naive gives the same bins as lazy.
        q = p;
        q.greedy = GreedyKind::Naive;
        QCOMPARE(selectInstructions(readNpy(embeddings_), kRecords, q, Progress::none(), CancelToken()).binOf, s.binOf);
        q.kernel = Kernel::Cosine;
        QCOMPARE(selectInstructions(readNpy(embeddings_), kRecords, q, Progress::none(), CancelToken()).indices.size(),
                 std::size_t(50));
    }

    void randomBaselineHasTheSameSize()
    {
        TextPipelineParams p = params(0.1, 5);
        p.random = true;
        const TextSelection r = selectInstructions(NpyArray(), kRecords, p, Progress::none(), CancelToken());
        QCOMPARE(r.method, std::string("random"));
        QCOMPARE(r.indices.size(), std::size_t(50));
        QVERIFY(std::is_sorted(r.indices.begin(), r.indices.end()));
        QCOMPARE(std::set<std::int64_t>(r.indices.begin(), r.indices.end()).size(), std::size_t(50));
        QVERIFY(r.indices.back() < kRecords);
        QCOMPARE(selectInstructions(NpyArray(), kRecords, p, Progress::none(), CancelToken()).indices, r.indices);
        p.seed = 1;
        QVERIFY(selectInstructions(NpyArray(), kRecords, p, Progress::none(), CancelToken()).indices != r.indices);
    }

    void badParameters()
    {
        DQ_EXPECT_ERROR(selectInstructions(readNpy(embeddings_), kRecords, params(0.0, 5), Progress::none(), CancelToken()),
                        "ratio: ");
        DQ_EXPECT_ERROR(selectInstructions(readNpy(embeddings_), kRecords, params(0.1, 600), Progress::none(),
                                           CancelToken()),
                        "bins: ", "600 bins for 503 records");
        DQ_EXPECT_ERROR(selectInstructions(readNpy(embeddings_), kRecords, params(0.005, 5), Progress::none(),
                                           CancelToken()),
                        "ratio: ", "keeps no record");
        TextPipelineParams p = params();
        p.embedding = {};
        DQ_EXPECT_FIELD_ERROR(runTextPipeline(p, Progress::none(), CancelToken()), "embeddings", "tfidf");
    }

    void outputsReadBackInTheInputsFormat()
    {
        const TextPipelineParams p = params(0.1, 5);
        const TextRun run = runTextPipeline(p, Progress::none(), CancelToken());
        const TextOutputPaths paths = TextOutputPaths::forOutput(dir_ / "out" / "subset.json");
        QCOMPARE(paths.indices, dir_ / "out" / "subset.indices.npy");
        QCOMPARE(paths.meta, dir_ / "out" / "subset.json.meta.json");
        writeTextOutputs(paths, run, p);

        const NpyArray idx = readNpy(paths.indices);
        QCOMPARE(idx.dtype, DType::Int64);
        QCOMPARE(idx.toVector<std::int64_t>(), run.selection.indices);
        // The subset is a JSON list of the same records, their fields in the input's order.
        const std::string text = readFileBytes(paths.subset);
        const InstructionDataset sub = readInstructionDataset(paths.subset);
        const InstructionDataset all = readInstructionDataset(data_);
        QCOMPARE(sub.format, InstructionFormat::Json);
        QCOMPARE(sub.size(), std::int64_t(50));
        for (std::size_t k = 0; k < run.selection.indices.size(); ++k) {
            const auto& want = all.records[static_cast<std::size_t>(run.selection.indices[k])];
            QCOMPARE(sub.records[k].instruction, want.instruction);
            QCOMPARE(sub.records[k].output, want.output);
            QCOMPARE(sub.raw[k], all.raw[static_cast<std::size_t>(run.selection.indices[k])]);
        }
        QVERIFY(text.rfind("[\n  {\"output\": \"answer ", 0) == 0);
        QVERIFY(text.size() > 3 && text.compare(text.size() - 3, 3, "}\n]") != 0);
        QVERIFY(text.compare(text.size() - 3, 3, "\n]\n") == 0);

        const QJsonObject meta = readJson(paths.meta);
        QCOMPARE(meta["format"].toString(), QString("dq-text-subset"));
        QCOMPARE(meta["method"].toString(), QString("dq"));
        const QJsonObject counts = meta["counts"].toObject();
        QCOMPARE(counts["selected"].toInt(), 50);
        QCOMPARE(counts["records"].toInt(), 503);
        QCOMPARE(counts["per_bin"].toArray().size(), 5);
        QCOMPARE(counts["unassigned"].toInt(), 3);
        QCOMPARE(counts["true_ratio"].toDouble(), 50.0 / 503.0);
        QCOMPARE(meta["parameters"].toObject()["kernel"].toString(), QString("dot"));
        QCOMPARE(meta["embeddings"].toObject()["dim"].toInt(), kDim);
        QVERIFY(meta["timings"].toObject().contains("bins_s"));

        // JSON Lines in, JSON Lines out.
        const fs::path jl = dir_ / "small.jsonl";
        fs::copy_file(fixture("alpaca_small.jsonl"), jl, fs::copy_options::overwrite_existing);
        TextPipelineParams q;
        q.data = jl;
        q.embedding.kind = TextEmbeddingKind::Tfidf;
        q.embedding.tfidf.dim = 32;
        q.useCache = false;
        q.ratio = 0.5;
        q.bins = 3;
        const TextRun r2 = runTextPipeline(q, Progress::none(), CancelToken());
        const TextOutputPaths p2 = TextOutputPaths::forOutput(dir_ / "small_subset.jsonl");
        writeTextOutputs(p2, r2, q);
        const InstructionDataset sub2 = readInstructionDataset(p2.subset);
        QCOMPARE(sub2.format, InstructionFormat::JsonLines);
        QCOMPARE(sub2.size(), std::int64_t(6));
        QVERIFY(readFileBytes(p2.subset).rfind("{\"id\": ", 0) == 0);
        // Writing over the input is refused.
        DQ_EXPECT_ERROR(writeTextOutputs(TextOutputPaths::forOutput(jl), r2, q), "is the input data file");
    }

    void embeddingRowsAreChecked()
    {
        TextPipelineParams p = params();
        const fs::path shortFile = dir_ / "short.npy";
        writeNpy(shortFile, syntheticEmbeddings(kRecords - 1, 3));
        p.embedding.path = shortFile;
        const std::string name = shortFile.string();
        DQ_EXPECT_ERROR(runTextPipeline(p, Progress::none(), CancelToken()), name.c_str(),
                        "502 rows of embeddings for the 503 records", "synthetic.json");

        NpyArray bad = syntheticEmbeddings(kRecords, 3);
        bad.data<float>()[7 * kDim + 3] = NAN;
        bad.data<float>()[99 * kDim] = INFINITY;
        const fs::path nanFile = dir_ / "nan.npy";
        writeNpy(nanFile, bad);
        p.embedding.path = nanFile;
        DQ_EXPECT_ERROR(runTextPipeline(p, Progress::none(), CancelToken()), "nan.npy",
                        "2 rows hold NaN or infinite values: row 7, 99");

        const fs::path oneD = dir_ / "oned.npy";
        writeNpy(oneD, NpyArray::fromVector(std::vector<float>(kRecords, 1.0f)));
        p.embedding.path = oneD;
        DQ_EXPECT_ERROR(runTextPipeline(p, Progress::none(), CancelToken()), "oned.npy", "expected a 2-D array");

        const fs::path ints = dir_ / "ints.npy";
        writeNpy(ints, NpyArray::fromVector(std::vector<std::int64_t>(kRecords * 2, 1), {kRecords, 2}));
        p.embedding.path = ints;
        DQ_EXPECT_ERROR(runTextPipeline(p, Progress::none(), CancelToken()), "ints.npy", "float32 or float64");

        // float64 is accepted (converted), and not-unit rows get a warning with the dot kernel.
        NpyArray wide = syntheticEmbeddings(kRecords, 3);
        std::vector<double> d64;
        for (const float x : wide.toVector<float>())
            d64.push_back(3.0 * x);
        const fs::path f64 = dir_ / "f64.npy";
        writeNpy(f64, NpyArray::fromVector(d64, {kRecords, kDim}));
        p.embedding.path = f64;
        const TextRun run = runTextPipeline(p, Progress::none(), CancelToken());
        bool warned = false;
        for (const auto& w : run.warnings)
            warned |= w.code == "text.non-unit-embeddings" && w.text.find("not unit length") != std::string::npos;
        QVERIFY(warned);
    }

    void tfidfEmbeddingsAreCached()
    {
        TextPipelineParams p = params(0.1, 5);
        p.embedding = TextEmbeddingSpec::fromOptions("", "tfidf");
        p.embedding.tfidf.dim = 64;
        p.useCache = true;
        p.cacheDir = dir_ / "cache";
        const TextRun first = runTextPipeline(p, Progress::none(), CancelToken());
        QVERIFY(!first.embeddings.fromCache);
        QVERIFY(fs::exists(first.embeddings.cacheFile));
        QCOMPARE(first.embeddings.cacheFile.parent_path(), dir_ / "cache" / "text-embeddings");
        QCOMPARE(readNpy(first.embeddings.cacheFile).shape, (std::vector<std::int64_t>{kRecords, 64}));
        const TextRun second = runTextPipeline(p, Progress::none(), CancelToken());
        QVERIFY(second.embeddings.fromCache);
        QCOMPARE(second.selection.indices, first.selection.indices);
        // Other parameters, other entry; --no-cache recomputes and refreshes.
        p.embedding.tfidf.dim = 32;
        QVERIFY(!runTextPipeline(p, Progress::none(), CancelToken()).embeddings.fromCache);
        p.embedding.tfidf.dim = 64;
        p.reuseCache = false;
        const TextRun fresh = runTextPipeline(p, Progress::none(), CancelToken());
        QVERIFY(!fresh.embeddings.fromCache);
        QCOMPARE(fresh.selection.indices, first.selection.indices);
        // A damaged entry is recomputed, not used.
        dqtest::writeBytes(first.embeddings.cacheFile, "garbage");
        p.reuseCache = true;
        const TextRun repaired = runTextPipeline(p, Progress::none(), CancelToken());
        QVERIFY(!repaired.embeddings.fromCache);
        QCOMPARE(repaired.selection.indices, first.selection.indices);
        QCOMPARE(readNpy(first.embeddings.cacheFile).shape[0], kRecords);
        // The data changes: the key changes.
        const InstructionDataset a = readInstructionDataset(data_);
        const InstructionDataset b = parseInstructionDataset(syntheticJson(kRecords - 1), "other.json");
        QVERIFY(textEmbeddingCacheKey(a, p.embedding) != textEmbeddingCacheKey(b, p.embedding));
    }

    void torchScriptEncoderMeetsTheContract()
    {
        const InstructionDataset d = readInstructionDataset(fixture("alpaca_small.json"));
        std::vector<std::string> texts;
        for (std::int64_t i = 0; i < d.size(); ++i)
            texts.push_back(d.text(i));
        const NpyArray want = readNpy(fixture("char_encoder_expected.npy"));
        // Batches of 5: 12 texts in 3 calls, the last one short.
        const NpyArray got = encodeWithTorchScript({fixture("char_encoder.pt"), 5}, texts, Progress::none(), CancelToken());
        QCOMPARE(got.shape, want.shape);
        const auto g = got.toVector<float>(), w = want.toVector<float>();
        for (std::size_t k = 0; k < g.size(); ++k)
            QVERIFY2(std::abs(g[k] - w[k]) < 1e-5, qPrintable(QString("%1: %2 vs %3").arg(k).arg(g[k]).arg(w[k])));

        DQ_EXPECT_ERROR(encodeWithTorchScript({fixture("wrong_shape_encoder.pt"), 4}, texts, Progress::none(),
                                              CancelToken()),
                        "wrong_shape_encoder.pt", "shape [5, 4] for 4 texts");
        DQ_EXPECT_ERROR(encodeWithTorchScript({fixture("alpaca_small.json"), 4}, texts, Progress::none(), CancelToken()),
                        "alpaca_small.json", "not a TorchScript module");
        DQ_EXPECT_ERROR(encodeWithTorchScript({dir_ / "none.pt", 4}, texts, Progress::none(), CancelToken()), "none.pt",
                        "no such TorchScript file");

        // Through the pipeline, cached by the model's bytes.
        TextPipelineParams p;
        p.data = fixture("alpaca_small.json");
        p.embedding = TextEmbeddingSpec::fromOptions("", "torchscript:" + fixture("char_encoder.pt").string());
        p.cacheDir = dir_ / "cache";
        p.ratio = 0.5;
        p.bins = 2;
        const TextRun run = runTextPipeline(p, Progress::none(), CancelToken());
        QCOMPARE(run.selection.indices.size(), std::size_t(6));
        QCOMPARE(run.embeddings.dim, std::int64_t(16));
        QVERIFY(runTextPipeline(p, Progress::none(), CancelToken()).embeddings.fromCache);
        DQ_EXPECT_FIELD_ERROR(TextEmbeddingSpec::fromOptions("", "word2vec"), "embed", "unknown method");
        DQ_EXPECT_FIELD_ERROR(TextEmbeddingSpec::fromOptions("a.npy", "tfidf"), "embeddings", "not both");
    }
};

QTEST_GUILESS_MAIN(TextPipelineTest)
#include "tst_TextPipeline.moc"
