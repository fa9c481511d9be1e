// Bin sampling (dq-reference.md section 6): counts, rounding, determinism, true ratio.
#include "TestSupport.h"

#include "bins/BinSampler.h"
#include "common/Error.h"

#include <QtTest>

#include <set>

using namespace dq;

class BinSamplerTest : public QObject {
    Q_OBJECT

private slots:
    // 10 bins of 500 per class and 10 classes: round(0.125 * 500) = round(62.5) = 62, so
    // 6,200 of 50,000 are kept (12.4%), as the reference does for CIFAR-10.
    void cifarShapedCountsAndTrueRatio()
    {
        std::vector<int> labels(50000);
        std::vector<std::vector<std::int64_t>> bins(10);
        for (std::int64_t i = 0; i < 50000; ++i) {
            labels[static_cast<std::size_t>(i)] = static_cast<int>(i % 10);
            bins[static_cast<std::size_t>((i / 10) % 10)].push_back(i);
        }
        const SampleResult r = sampleBins(bins, labels, 50000, 0.125, 0);
        QCOMPARE(r.indices.size(), std::size_t(6200));
        QCOMPARE(r.trueRatio, 0.124);
        for (const std::int64_t c : r.perBin)
            QCOMPARE(c, std::int64_t(620));
        const std::set<std::int64_t> unique(r.indices.begin(), r.indices.end());
        QCOMPARE(unique.size(), r.indices.size());
    }

    void drawsComeFromTheirBinInClassOrder()
    {
        std::vector<int> labels = {1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 2, 2};
        std::vector<std::vector<std::int64_t>> bins = {{1, 3, 5, 0, 2, 4}, {7, 9, 6, 8, 10, 11}};
        const SampleResult r = sampleBins(bins, labels, 12, 0.5, 3);
        // bin 0: classes 0 and 1, 3 each -> round(1.5) = 2 each; bin 1: class 0: 2 -> 1,
        // class 1: 2 -> 1, class 2: 2 -> 1.
        QCOMPARE(r.perBin, (std::vector<std::int64_t>{4, 3}));
        const std::set<std::int64_t> bin0(bins[0].begin(), bins[0].end());
        for (std::size_t k = 0; k < 4; ++k)
            QVERIFY(bin0.count(r.indices[k]));
        QCOMPARE(labels[static_cast<std::size_t>(r.indices[0])], 0);
        QCOMPARE(labels[static_cast<std::size_t>(r.indices[1])], 0);
        QCOMPARE(labels[static_cast<std::size_t>(r.indices[2])], 1);
        QVERIFY(r.indices[0] < r.indices[1]);
    }

    void sameSeedSameIndices()
    {
        std::vector<std::vector<std::int64_t>> bins(3);
        for (std::int64_t i = 0; i < 3000; ++i)
            bins[static_cast<std::size_t>(i % 3)].push_back(i);
        const auto a = sampleBins(bins, {}, 3000, 0.1, 42).indices;
        QCOMPARE(sampleBins(bins, {}, 3000, 0.1, 42).indices, a);
        QVERIFY(sampleBins(bins, {}, 3000, 0.1, 43).indices != a);
        QCOMPARE(a.size(), std::size_t(300));
        QCOMPARE(sampleBins(bins, {}, 3000, 1.0, 0).indices.size(), std::size_t(3000));
    }

    void ratioOutsideRangeIsRefused_data()
    {
        QTest::addColumn<double>("ratio");
        QTest::newRow("zero") << 0.0;
        QTest::newRow("negative") << -0.1;
        QTest::newRow("above one") << 1.5;
        QTest::newRow("nan") << std::nan("");
    }
    void ratioOutsideRangeIsRefused()
    {
        QFETCH(double, ratio);
        DQ_EXPECT_ERROR(sampleBins({{0, 1}}, {}, 2, ratio, 0), "ratio: ", "(0, 1]");
    }

    void indexOutsideDatasetIsRefused() { DQ_EXPECT_ERROR(sampleBins({{0, 5}}, {}, 3, 0.5, 0), "bin 0", "index 5"); }
};

QTEST_APPLESS_MAIN(BinSamplerTest)
#include "tst_BinSampler.moc"
