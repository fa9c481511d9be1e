// Per-bin profiles (core/bins/BinProfile): similarity to the class centre, its spread, the
// distance to the centre and the example members, on hand-made features whose answers are
// known, and on bins that differ only in how typical their members are.
#include "TestSupport.h"

#include "bins/BinProfile.h"

#include <QtTest>

#include <cmath>

using namespace dq;

class BinProfileTest : public QObject {
    Q_OBJECT

private slots:
    void knownValuesOnTwoClasses()
    {
        // Class 0 lies along x, class 1 along y; rows 1 and 4 lean away from their class.
        const std::vector<float> f = {2, 0, /*1*/ 1, 1, /*2*/ 4, 0, /*3*/ 0, 3, /*4*/ 1, 1, /*5*/ 0, 1};
        const std::vector<int> labels = {0, 0, 0, 1, 1, 1};
        // Centres: class 0 = (7/3, 1/3), class 1 = (1/3, 5/3).
        const std::vector<std::vector<std::int64_t>> bins = {{0, 3, 2, 5}, {1, 4}};
        const auto p = profileBins(f.data(), 6, 2, labels, bins, 4);
        QCOMPARE(p.size(), std::size_t(2));
        QCOMPARE(p[0].count, std::int64_t(4));
        QCOMPARE(p[1].count, std::int64_t(2));
        const auto cosine = [](double ax, double ay, double bx, double by) {
            return (ax * bx + ay * by) / (std::hypot(ax, ay) * std::hypot(bx, by));
        };
        const double s1 = cosine(1, 1, 7.0 / 3, 1.0 / 3), s4 = cosine(1, 1, 1.0 / 3, 5.0 / 3);
        QVERIFY(std::abs(p[1].meanSimilarity - (s1 + s4) / 2) < 1e-9);
        QVERIFY(std::abs(p[1].spread - std::abs(s1 - s4) / 2) < 1e-9);
        const double d1 = std::hypot(1 - 7.0 / 3, 1 - 1.0 / 3), d4 = std::hypot(1 - 1.0 / 3, 1 - 5.0 / 3);
        QVERIFY(std::abs(p[1].meanDistance - (d1 + d4) / 2) < 1e-9);
        // The leaning rows make bin 1 less typical than bin 0.
        QVERIFY(p[0].meanSimilarity > p[1].meanSimilarity);
        // One example per class, in class order, each from its bin.
        QCOMPARE(p[1].examples, (std::vector<std::int64_t>{1, 4}));
        QCOMPARE(p[0].examples.size(), std::size_t(2));
        QVERIFY(p[0].examples[0] == 0 || p[0].examples[0] == 2);
        QVERIFY(p[0].examples[1] == 3 || p[0].examples[1] == 5);
    }

    void aClassMissingFromABinHasNoExample()
    {
        const std::vector<float> f = {1, 0, 0, 1, 1, 0.1f};
        const auto p = profileBins(f.data(), 3, 2, {0, 1, 0}, {{0, 2}, {1}}, 5);
        QCOMPARE(p[0].examples, (std::vector<std::int64_t>{0, -1})); // row 0 lies a little further out than row 2
        QCOMPARE(p[1].examples, (std::vector<std::int64_t>{-1, 1}));
        QCOMPARE(p[1].meanSimilarity, 1.0); // the only member of its class is its centre
        QCOMPARE(p[1].spread, 0.0);
    }

    void withoutLabelsOneCentreAndQuantileExamples()
    {
        // Rows on the unit circle, ever further from the mean direction.
        std::vector<float> f;
        for (int i = 0; i < 9; ++i) {
            f.push_back(static_cast<float>(std::cos(i * 0.15)));
            f.push_back(static_cast<float>(std::sin(i * 0.15)));
        }
        const auto p = profileBins(f.data(), 9, 2, {}, {{0, 1, 2, 3, 4, 5, 6, 7, 8}, {}}, 3);
        QCOMPARE(p[0].count, std::int64_t(9));
        QCOMPARE(p[0].examples.size(), std::size_t(3));
        QCOMPARE(p[1].count, std::int64_t(0));
        QVERIFY(p[1].examples.empty());
        QVERIFY(p[0].spread > 0);
        QVERIFY(p[0].meanSimilarity > 0.9 && p[0].meanSimilarity < 1.0);
        // From the least to the most similar: an end row, a middle one, row 4 (on the mean).
        QVERIFY(p[0].examples[0] == 0 || p[0].examples[0] == 8);
        QVERIFY(p[0].examples[1] == 2 || p[0].examples[1] == 6);
        QCOMPARE(p[0].examples[2], std::int64_t(4));
    }
};

QTEST_APPLESS_MAIN(BinProfileTest)
#include "tst_BinProfile.moc"
