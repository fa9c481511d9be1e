// TF-IDF embedding: the tokenizer and the weights against an independent plain-Python
// computation (fixtures/text/make_text_fixtures.py), and the seeded sparse projection:
// deterministic, unit rows, norms and inner products preserved in expectation.
#include "TestSupport.h"

#include "common/Progress.h"
#include "io/Npy.h"
#include "text/InstructionReader.h"
#include "text/internal/SparseRandomProjection.h"
#include "text/TfidfEmbedding.h"
#include "text/internal/WordTokenizer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>
#include <map>
#include <random>

using namespace dq;
namespace fs = std::filesystem;

namespace {

fs::path fixture(const char* name) { return dqtest::fixturesDir() / "text" / name; }

QJsonObject termsFixture()
{
    QFile f(QString::fromStdString(fixture("tfidf_terms.json").string()));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

std::vector<TextSegments> segments(const InstructionDataset& d)
{
    std::vector<TextSegments> docs;
    for (const auto& r : d.records)
        docs.push_back({r.instruction, r.input, r.output});
    return docs;
}

std::uint64_t keyOf(const QJsonArray& term)
{
    const std::uint64_t a = TfidfVectorizer::unigramKey(term[0].toString().toStdString());
    if (term.size() == 1)
        return a;
    return TfidfVectorizer::bigramKey(a, TfidfVectorizer::unigramKey(term[1].toString().toStdString()));
}

double dot(const std::vector<double>& a, const std::vector<double>& b)
{
    double s = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        s += a[i] * b[i];
    return s;
}

// A sparse unit vector over `nnz` random 64-bit keys, of which the first `shared` are
// common to every vector made with the same `sharedSeed`.
std::vector<TermWeight> sparseUnit(std::mt19937_64& rng, int nnz, int shared, std::uint64_t sharedSeed)
{
    std::mt19937_64 common(sharedSeed);
    std::vector<TermWeight> v;
    std::normal_distribution<double> g;
    double n2 = 0;
    for (int k = 0; k < nnz; ++k) {
        const std::uint64_t key = k < shared ? common() : rng();
        const double w = k < shared ? 1.0 : std::abs(g(rng));
        v.push_back({key | 1, w});
        n2 += w * w;
    }
    for (auto& t : v)
        t.weight /= std::sqrt(n2);
    return v;
}

std::vector<double> project(const SparseRandomProjection& p, const std::vector<TermWeight>& v)
{
    std::vector<double> out(static_cast<std::size_t>(p.dim()), 0.0);
    for (const auto& t : v)
        p.add(t.term, t.weight, out.data());
    return out;
}

} // namespace

class TfidfEmbeddingTest : public QObject {
    Q_OBJECT

private slots:
    void tokenizerMatchesPython()
    {
        const QJsonObject j = termsFixture();
        QVERIFY(!j.isEmpty());
        const InstructionDataset d = readInstructionDataset(fixture("tfidf_corpus.jsonl"));
        const QJsonArray tokens = j["tokens"].toArray();
        QCOMPARE(tokens.size(), int(d.size()));
        for (int i = 0; i < tokens.size(); ++i) {
            const auto got = WordTokenizer::tokenize(d.records[static_cast<std::size_t>(i)].instruction);
            const QJsonArray want = tokens[i].toArray();
            QCOMPARE(int(got.size()), want.size());
            for (int k = 0; k < want.size(); ++k)
                QCOMPARE(QString::fromStdString(got[static_cast<std::size_t>(k)]), want[k].toString());
        }
        const std::vector<std::string> t = WordTokenizer::tokenize("Grüße, ΣΟΦΙΑ! x_y 你好 3.14");
        const std::vector<std::string> want = {"grüße", "σοφια", "x", "y", "你", "好", "3", "14"};
        QCOMPARE(t, want);
    }

    void weightsMatchPlainPython()
    {
        const QJsonObject j = termsFixture();
        const QJsonArray terms = j["terms"].toArray();
        const QJsonArray df = j["df"].toArray();
        const NpyArray expected = readNpy(fixture("tfidf_expected.npy"));
        const InstructionDataset d = readInstructionDataset(fixture("tfidf_corpus.jsonl"));
        const auto docs = segments(d);
        QCOMPARE(expected.shape[0], d.size());
        QCOMPARE(expected.shape[1], std::int64_t(terms.size()));

        TfidfVectorizer v;
        v.fit(docs, 2, Progress::none(), CancelToken());
        QCOMPARE(v.documents(), d.size());
        QCOMPARE(v.vocabularySize(), std::int64_t(terms.size())); // no two terms collide
        std::vector<std::uint64_t> keys;
        for (int t = 0; t < terms.size(); ++t) {
            keys.push_back(keyOf(terms[t].toArray()));
            QCOMPARE(int(v.documentFrequency(keys.back())), df[t].toInt());
        }
        const double* m = expected.data<double>();
        int compared = 0;
        for (std::int64_t i = 0; i < d.size(); ++i) {
            std::map<std::uint64_t, double> row;
            for (const TermWeight& tw : v.transform(docs[static_cast<std::size_t>(i)]))
                row[tw.term] = tw.weight;
            int nonzero = 0;
            for (int t = 0; t < terms.size(); ++t) {
                const double want = m[i * terms.size() + t];
                const auto it = row.find(keys[static_cast<std::size_t>(t)]);
                const double got = it == row.end() ? 0.0 : it->second;
                QVERIFY2(std::abs(got - want) < 1e-12,
                         qPrintable(QString("doc %1 term %2: %3 vs %4").arg(i).arg(t).arg(got).arg(want)));
                nonzero += want != 0;
                compared += want != 0;
            }
            QCOMPARE(int(row.size()), nonzero);
        }
        QVERIFY(compared > 50);
        // Document 6 has no tokens: an empty row.
        QVERIFY(v.transform(docs[6]).empty());
    }

    void embeddingIsDeterministicAndUnit()
    {
        const InstructionDataset d = readInstructionDataset(fixture("tfidf_corpus.jsonl"));
        const auto docs = segments(d);
        TfidfParams p;
        p.dim = 64;
        p.threads = 1;
        TfidfStats stats;
        const NpyArray a = tfidfEmbedding(docs, p, Progress::none(), CancelToken(), &stats);
        p.threads = 2;
        const NpyArray b = tfidfEmbedding(docs, p, Progress::none(), CancelToken());
        QCOMPARE(a.shape, (std::vector<std::int64_t>{d.size(), 64}));
        QVERIFY(a.bytes == b.bytes); // any thread count, same bytes
        QCOMPARE(stats.emptyDocuments, std::int64_t(1));
        QCOMPARE(stats.emptyExamples, std::vector<std::int64_t>{6});
        const float* x = a.data<float>();
        for (std::int64_t i = 0; i < d.size(); ++i) {
            double n2 = 0;
            for (int k = 0; k < 64; ++k)
                n2 += double(x[i * 64 + k]) * x[i * 64 + k];
            if (i == 6)
                QCOMPARE(n2, 0.0);
            else
                QVERIFY2(std::abs(n2 - 1.0) < 1e-5, qPrintable(QString::number(n2)));
        }
        p.seed = 1;
        QVERIFY(tfidfEmbedding(docs, p, Progress::none(), CancelToken()).bytes != a.bytes);
        // The two "sort the numbers" records are closer to each other than to the German one.
        auto cos = [&](int i, int j) {
            double s = 0;
            for (int k = 0; k < 64; ++k)
                s += double(x[i * 64 + k]) * x[j * 64 + k];
            return s;
        };
        QVERIFY(cos(0, 2) > cos(0, 3) + 0.2);
    }

    void projectionColumnsAreSparseAndSigned()
    {
        const SparseRandomProjection p(512, 8, 3);
        std::vector<double> col(512, 0.0);
        p.add(12345, 1.0, col.data());
        int nonzero = 0;
        for (int b = 0; b < 8; ++b) {
            int inBlock = 0;
            for (int k = b * 64; k < (b + 1) * 64; ++k)
                if (col[static_cast<std::size_t>(k)] != 0) {
                    ++inBlock;
                    QVERIFY(std::abs(std::abs(col[static_cast<std::size_t>(k)]) - 1 / std::sqrt(8.0)) < 1e-15);
                }
            QCOMPARE(inBlock, 1); // one entry per block
            nonzero += inBlock;
        }
        QCOMPARE(nonzero, 8);
        std::vector<double> again(512, 0.0);
        SparseRandomProjection(512, 8, 3).add(12345, 1.0, again.data());
        QVERIFY(col == again);
        // Fewer dimensions than nonzeros: one entry per dimension at most.
        const SparseRandomProjection tiny(3, 8, 0);
        QCOMPARE(tiny.nonzeros(), 3);
        DQ_EXPECT_FIELD_ERROR(SparseRandomProjection(0, 8, 0), "dim");
    }

    // E|Rx|^2 = |x|^2 with variance about 2/D; inner products likewise.
    void projectionPreservesNormsAndInnerProducts()
    {
        const int dim = 512, vectors = 400;
        const SparseRandomProjection p(dim, 8, 11);
        std::mt19937_64 rng(5);
        double sum = 0, sum2 = 0;
        for (int i = 0; i < vectors; ++i) {
            const auto x = project(p, sparseUnit(rng, 200, 0, 0));
            const double n2 = dot(x, x);
            sum += n2;
            sum2 += n2 * n2;
        }
        const double mean = sum / vectors, sd = std::sqrt(sum2 / vectors - mean * mean);
        qInfo("|Rx|^2: mean %.4f, sd %.4f", mean, sd);
        QVERIFY2(std::abs(mean - 1.0) < 0.015, qPrintable(QString::number(mean))); // 4 standard errors
        QVERIFY2(sd > 0.04 && sd < 0.09, qPrintable(QString::number(sd))); // sqrt(2 / 512) = 0.0625

        // Pairs sharing half their terms (<x, y> about 0.5), each pair its own terms.
        double errSum = 0, errSum2 = 0;
        const int pairs = 300;
        for (int k = 0; k < pairs; ++k) {
            const auto x = sparseUnit(rng, 200, 100, 1000 + k), y = sparseUnit(rng, 200, 100, 1000 + k);
            std::map<std::uint64_t, double> a;
            for (const auto& t : x)
                a[t.term] += t.weight;
            double exact = 0;
            for (const auto& t : y)
                if (a.count(t.term))
                    exact += a[t.term] * t.weight;
            QVERIFY(exact > 0.2);
            const double err = dot(project(p, x), project(p, y)) - exact;
            errSum += err;
            errSum2 += err * err;
        }
        const double errMean = errSum / pairs, errSd = std::sqrt(errSum2 / pairs);
        qInfo("<Rx, Ry> - <x, y>: mean %.4f, rms %.4f", errMean, errSd);
        QVERIFY2(std::abs(errMean) < 0.012, qPrintable(QString::number(errMean)));
        QVERIFY2(errSd > 0.02 && errSd < 0.08, qPrintable(QString::number(errSd))); // about sqrt(1.25 / 512) = 0.05
    }

    void cancelStops()
    {
        std::vector<std::string> texts(20000, "some words to count again and again");
        std::vector<TextSegments> docs;
        for (const auto& t : texts)
            docs.push_back({t});
        CancelToken cancel;
        cancel.cancel();
        bool cancelled = false;
        try {
            tfidfEmbedding(docs, TfidfParams{}, Progress::none(), cancel);
        } catch (const Cancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
    }
};

QTEST_GUILESS_MAIN(TfidfEmbeddingTest)
#include "tst_TfidfEmbedding.moc"
