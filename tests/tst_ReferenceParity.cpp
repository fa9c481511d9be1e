// The DQ engine reproduces results computed by the published reference implementation
// (tests/fixtures/reference, see its README) sample for sample, with naive and lazy greedy.
#include "TestSupport.h"

#include "bins/BinGenerator.h"
#include "bins/internal/BinInputs.h"
#include "common/AtomicFile.h"
#include "common/Progress.h"
#include "datasets/DatasetSpec.h"
#include "features/PixelFeatures.h"
#include "io/Npy.h"

#include <QtTest>

using namespace dq;

namespace {

// Bin id per sample of the reference's input, -1 where not in the run.
std::vector<std::int64_t> binOfSample(const BinResult& r, const std::vector<std::int64_t>& toOriginal, std::size_t size)
{
    std::vector<std::int64_t> out(size, -1);
    for (std::size_t b = 0; b < r.bins.size(); ++b)
        for (const std::int64_t i : r.bins[b])
            out[static_cast<std::size_t>(toOriginal[static_cast<std::size_t>(i)])] = static_cast<std::int64_t>(b);
    return out;
}

// A reference file, gzip-compressed or not; a missing one fails the test (the data is in
// the repository: a skip would let a broken checkout pass).
NpyArray referenceArray(const std::string& name)
{
    const auto path = dqtest::fixturesDir() / "reference" / name;
    if (!std::filesystem::exists(path))
        throw std::runtime_error("reference fixture missing: " + path.string());
    return decodeNpy(readFileBytes(path, true), path.string());
}

int countDifferences(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b)
{
    int d = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        d += a[i] != b[i];
    return d;
}

void addGreedyRows()
{
    QTest::addColumn<QString>("greedy");
    QTest::newRow("naive") << "naive";
    QTest::newRow("lazy") << "lazy";
}

} // namespace

class ReferenceParityTest : public QObject {
    Q_OBJECT

private slots:
    void fashionMnistClass0GraphCut_data() { addGreedyRows(); }
    void fashionMnistClass0GraphCut()
    {
        QFETCH(QString, greedy);
        const std::vector<std::int64_t> expected =
            referenceArray("fmnist_train_class0_graphcut_k10.bins.npy.gz").toVector<std::int64_t>();

        const DatasetBundle fm = openDataset("fashion-mnist:" + dqtest::fashionMnistDir().string());
        const NpyArray pixels = pixelFeatures(*fm.train, Progress::none(), CancelToken());
        QCOMPARE(static_cast<std::size_t>(fm.train->size()), expected.size());

        // The reference's input: the label-0 images, in their original order.
        std::vector<std::int64_t> original;
        for (std::int64_t i = 0; i < fm.train->size(); ++i)
            if (fm.train->label(i) == 0)
                original.push_back(i);
        QCOMPARE(original.size(), std::size_t(6000));
        std::vector<float> rows;
        for (const std::int64_t i : original)
            rows.insert(rows.end(), pixels.data<float>() + i * 784, pixels.data<float>() + (i + 1) * 784);
        BinInputs in = denseInputsFromArray(NpyArray::fromVector(rows, {6000, 784}), std::vector<int>(6000, 0), "class 0",
                                            Kernel::Cosine);

        BinParams p;
        p.bins = 10;
        p.greedy.kind = parseGreedy(greedy.toStdString());
        const BinResult r = generateBins(*in.space, in.labels, p, Progress::none(), CancelToken());
        QVERIFY(r.exact);
        for (int b = 0; b < 10; ++b)
            QCOMPARE(r.bins[static_cast<std::size_t>(b)].size(), std::size_t(600));
        const auto ours = binOfSample(r, original, expected.size());
        QCOMPARE(countDifferences(ours, expected), 0);
    }

    void unitFeaturesDotUnbalanced_data() { addGreedyRows(); }
    void unitFeaturesDotUnbalanced()
    {
        QFETCH(QString, greedy);
        const std::vector<std::int64_t> expected =
            referenceArray("fmnist_test2000_unit_dot_graphcut_k5.bins.npy").toVector<std::int64_t>();
        const BinInputs in = denseInputsFromArray(referenceArray("fmnist_test2000_unit.features.npy.gz"), {},
                                                  "fmnist_test2000_unit.features", Kernel::Dot);

        BinParams p;
        p.bins = 5;
        p.balance = false;
        p.greedy.kind = parseGreedy(greedy.toStdString());
        const BinResult r = generateBins(*in.space, {}, p, Progress::none(), CancelToken());
        QVERIFY(r.exact);
        // Pixels are non-negative, so the dot kernel is certified and lazy stays lazy.
        QCOMPARE(QString::fromStdString(r.greedyUsed), greedy);
        QVERIFY(r.unassigned.empty());
        std::vector<std::int64_t> identity(2000);
        for (std::int64_t i = 0; i < 2000; ++i)
            identity[static_cast<std::size_t>(i)] = i;
        QCOMPARE(countDifferences(binOfSample(r, identity, 2000), expected), 0);
    }
};

QTEST_APPLESS_MAIN(ReferenceParityTest)
#include "tst_ReferenceParity.moc"
