// Bin generation (dq-reference.md section 5): budgets, rounding, remainder, bad input,
// cancel, and the bins folder on disk.
#include "TestSupport.h"
#include "common/FieldError.h"

#include "bins/BinGenerator.h"
#include "bins/internal/BinInputs.h"
#include "bins/BinsFolder.h"
#include "common/Error.h"
#include "common/Progress.h"
#include "io/Npy.h"

#include <QTemporaryDir>
#include <QtTest>

#include <random>
#include <set>

using namespace dq;
namespace fs = std::filesystem;

namespace {

BinInputs randomInputs(int n, int d, std::vector<int> labels, unsigned seed = 1)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> u(0.0f, 1.0f);
    std::vector<float> v(static_cast<std::size_t>(n * d));
    for (auto& x : v)
        x = u(rng);
    return denseInputsFromArray(NpyArray::fromVector(v, {n, d}), std::move(labels), "random", Kernel::Cosine);
}

std::vector<int> twoClasses(int perClass)
{
    std::vector<int> l;
    for (int i = 0; i < 2 * perClass; ++i)
        l.push_back(i % 2); // interleaved, as real datasets are
    return l;
}

} // namespace

class BinGeneratorTest : public QObject {
    Q_OBJECT

private slots:
    // N = 20, K = 4: coreset round(5.0) = 5; pool 20 -> fraction 0.25 -> 2.5 per class
    // rounds to 2 (half to even); pool 16 -> 0.3125 * 8 = 2.5 -> 2; pool 12 -> 2.5 -> 2.
    void budgetsUsePythonRounding()
    {
        const BinInputs in = randomInputs(20, 4, twoClasses(10));
        BinParams p;
        p.bins = 4;
        const BinResult r = generateBins(*in.space, in.labels, p, Progress::none(), CancelToken());
        QCOMPARE(r.bins.size(), std::size_t(4));
        QCOMPARE(r.bins[0].size(), std::size_t(4));
        QCOMPARE(r.bins[1].size(), std::size_t(4));
        QCOMPARE(r.bins[2].size(), std::size_t(4));
        QCOMPARE(r.bins[3].size(), std::size_t(8)); // the remainder
        QCOMPARE(r.stats[0].classCounts, (std::vector<std::int64_t>{2, 2}));
        QVERIFY(!r.stats[3].greedy);
    }

    void binsPartitionTheDatasetInClassOrder()
    {
        std::vector<int> labels;
        for (int i = 0; i < 300; ++i)
            labels.push_back((i * 7) % 3);
        const BinInputs in = randomInputs(300, 6, labels);
        BinParams p;
        p.bins = 7;
        const BinResult r = generateBins(*in.space, in.labels, p, Progress::none(), CancelToken());
        std::set<std::int64_t> seen;
        for (const auto& bin : r.bins) {
            for (std::size_t k = 0; k < bin.size(); ++k) {
                QVERIFY(seen.insert(bin[k]).second);
                if (k > 0) {
                    const int lp = labels[static_cast<std::size_t>(bin[k - 1])];
                    const int lc = labels[static_cast<std::size_t>(bin[k])];
                    QVERIFY(lp < lc || (lp == lc && bin[k - 1] < bin[k]));
                }
            }
        }
        QCOMPARE(seen.size(), std::size_t(300));
    }

    void unbalancedLeavesTheRemainderUnassigned()
    {
        const BinInputs in = randomInputs(23, 4, {});
        BinParams p;
        p.bins = 5;
        p.balance = false;
        const BinResult r = generateBins(*in.space, {}, p, Progress::none(), CancelToken());
        QCOMPARE(r.bins.size(), std::size_t(5));
        for (const auto& bin : r.bins)
            QCOMPARE(bin.size(), std::size_t(4));
        QCOMPARE(r.unassigned.size(), std::size_t(3));
    }

    void everyFunctionAndGreedyRuns_data()
    {
        QTest::addColumn<QString>("function");
        QTest::addColumn<QString>("greedy");
        for (const char* f : {"graphcut", "facility-location", "log-det"})
            for (const char* g : {"naive", "lazy", "stochastic", "approx-lazy"})
                QTest::newRow(qPrintable(QString("%1/%2").arg(f, g))) << QString(f) << QString(g);
    }
    void everyFunctionAndGreedyRuns()
    {
        QFETCH(QString, function);
        QFETCH(QString, greedy);
        const BinInputs in = randomInputs(120, 5, twoClasses(60));
        BinParams p;
        p.bins = 4;
        p.function = parseFunction(function.toStdString());
        p.greedy.kind = parseGreedy(greedy.toStdString());
        const BinResult r = generateBins(*in.space, in.labels, p, Progress::none(), CancelToken());
        std::size_t total = 0;
        for (const auto& b : r.bins)
            total += b.size();
        QCOMPARE(total, std::size_t(120));
        QCOMPARE(r.exact, greedy == "naive" || greedy == "lazy");
    }

    void lazyStaysExactForNegativeDotKernel()
    {
        std::mt19937 rng(3);
        std::normal_distribution<float> g;
        std::vector<float> v(200 * 4);
        for (auto& x : v)
            x = g(rng);
        const BinInputs in = denseInputsFromArray(NpyArray::fromVector(v, {200, 4}), {}, "centred", Kernel::Dot);
        BinParams p;
        p.bins = 4;
        p.balance = false;
        const BinResult lazy = generateBins(*in.space, {}, p, Progress::none(), CancelToken());
        p.greedy.kind = GreedyKind::Naive;
        const BinResult naive = generateBins(*in.space, {}, p, Progress::none(), CancelToken());
        QCOMPARE(lazy.bins, naive.bins);
        QVERIFY(lazy.exact);
        QVERIFY(QString::fromStdString(lazy.exactness).contains("Cauchy") ||
                QString::fromStdString(lazy.exactness).contains(">="));
    }

    void badInput()
    {
        const BinInputs in = randomInputs(20, 3, twoClasses(10));
        BinParams p;
        p.bins = 11;
        DQ_EXPECT_ERROR(generateBins(*in.space, in.labels, p, Progress::none(), CancelToken()), "bins: ", "class 0",
                        "only 10");
        p.bins = 0;
        DQ_EXPECT_ERROR(generateBins(*in.space, in.labels, p, Progress::none(), CancelToken()), "bins: ");
        p.bins = 2;
        DQ_EXPECT_ERROR(generateBins(*in.space, std::vector<int>(19, 0), p, Progress::none(), CancelToken()),
                        "19 labels for 20");
        // The error names the field by its id; dq says --labels, DQ Studio its label.
        try {
            generateBins(*in.space, {}, p, Progress::none(), CancelToken());
            QFAIL("expected a FieldError");
        } catch (const dq::FieldError& e) {
            QCOMPARE(e.field(), std::string("labels"));
            QCOMPARE(e.detail(), std::string("class-balanced bins need labels"));
        }
        p.balance = false;
        p.bins = 21;
        DQ_EXPECT_ERROR(generateBins(*in.space, {}, p, Progress::none(), CancelToken()), "21 bins for 20 samples");
    }

    void progressAndCancel()
    {
        // Naive greedy on 8,000 samples runs for seconds: long enough to cancel midway.
        const BinInputs in = randomInputs(8000, 64, twoClasses(4000));
        BinParams p;
        p.bins = 4;
        p.greedy.kind = GreedyKind::Naive;
        CancelToken cancel;
        std::int64_t last = -1;
        bool monotone = true;
        Progress progress(
            [&](const ProgressEvent& e) {
                if (e.stage == "bins") {
                    monotone = monotone && e.done >= last;
                    last = e.done;
                    if (e.done > 50)
                        cancel.cancel();
                }
            },
            0);
        bool cancelled = false;
        try {
            generateBins(*in.space, in.labels, p, progress, cancel);
        } catch (const Cancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
        QVERIFY(monotone);
        QVERIFY(last > 50 && last < 8000);
    }

    void binsFolderRoundTrip()
    {
        QTemporaryDir tmp;
        const BinInputs in = randomInputs(60, 4, twoClasses(30));
        BinParams p;
        p.bins = 3;
        const BinResult r = generateBins(*in.space, in.labels, p, Progress::none(), CancelToken());
        const fs::path dir = fs::path(tmp.path().toStdString()) / "bins";
        writeBinsFolder(dir, "TOY", r, p, in.info, in.labels);
        QVERIFY(fs::exists(dir / "select_indices_TOY_exp0.npy"));
        QVERIFY(fs::exists(dir / "select_indices_TOY_exp2.npy"));
        const BinsFolderContent c = readBinsFolder(dir);
        QCOMPARE(c.name, std::string("TOY"));
        QCOMPARE(c.datasetSize, std::int64_t(60));
        QCOMPARE(c.bins, r.bins);
        QCOMPARE(c.labels, in.labels);
        // Only the finished folder is left: no staging folders beside it.
        int entries = 0;
        for (const auto& e : fs::directory_iterator(tmp.path().toStdString())) {
            Q_UNUSED(e);
            ++entries;
        }
        QCOMPARE(entries, 1);
        // A folder with other files is never replaced.
        const fs::path foreign = fs::path(tmp.path().toStdString()) / "mine";
        dqtest::writeBytes(foreign / "thesis.tex", "precious");
        DQ_EXPECT_ERROR(writeBinsFolder(foreign, "TOY", r, p, in.info, in.labels), "mine", "not empty");
        QVERIFY(fs::exists(foreign / "thesis.tex"));
    }

    void corruptBinsFolderIsReported()
    {
        QTemporaryDir tmp;
        const fs::path dir = fs::path(tmp.path().toStdString());
        DQ_EXPECT_ERROR(readBinsFolder(dir), "bins.json", "not found");
        dqtest::writeBytes(dir / "bins.json", "{\"format\": \"dq-bins\", \"name\": 3");
        DQ_EXPECT_ERROR(readBinsFolder(dir), "bins.json", "JSON");
    }
};

QTEST_APPLESS_MAIN(BinGeneratorTest)
#include "tst_BinGenerator.moc"
