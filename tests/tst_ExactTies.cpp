// Exact ties go to the lowest pool position, as numpy's argmax in the reference's greedy,
// for every function and every greedy. Ties are built on purpose: bit-identical rows
// (duplicates, as real datasets hold) and symmetric configurations whose similarities are
// exact in floating point.
#include "TestSupport.h"

#include "common/Progress.h"
#include "datasets/DatasetSpec.h"
#include "features/PixelFeatures.h"
#include "io/Npy.h"
#include "submodular/internal/DenseSimilaritySpace.h"
#include "submodular/internal/FacilityLocationFunction.h"
#include "submodular/internal/GraphCutFunction.h"
#include "submodular/Greedy.h"
#include "submodular/internal/LogDeterminantFunction.h"
#include "submodular/internal/SimilarityColumns.h"

#include <QtTest>

#include <cmath>
#include <cstring>
#include <memory>
#include <random>

using namespace dq;

namespace {

using Rows = std::shared_ptr<std::vector<float>>;

std::vector<std::int64_t> iota(std::int64_t n)
{
    std::vector<std::int64_t> v(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i)
        v[static_cast<std::size_t>(i)] = i;
    return v;
}

// Random rows, then copies of some rows at other positions (before and after the
// original, adjacent and far apart, in pairs and in a triple).
Rows rowsWithDuplicates(int n, int d, float shift, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> g(0.0f, 1.0f);
    auto v = std::make_shared<std::vector<float>>(static_cast<std::size_t>(n) * d);
    for (auto& x : *v)
        x = g(rng) + shift;
    auto copy = [&](int from, int to) {
        std::memcpy(v->data() + static_cast<std::size_t>(to) * d, v->data() + static_cast<std::size_t>(from) * d,
                    sizeof(float) * static_cast<std::size_t>(d));
    };
    for (int i = 0; i + 7 < n; i += 9) {
        copy(i, n - 1 - i); // far after (or before, past the middle)
        copy(i + 3, i + 4); // adjacent
    }
    copy(n / 2, 1);
    copy(n / 2, n / 3); // a triple
    return v;
}

bool sameRow(const std::vector<float>& rows, int d, std::int64_t a, std::int64_t b)
{
    return std::memcmp(rows.data() + a * d, rows.data() + b * d, sizeof(float) * static_cast<std::size_t>(d)) == 0;
}

std::unique_ptr<SubmodularFunction> makeFunction(int function, const SimilaritySpace& s, std::int64_t n, std::int64_t budget,
                                                 std::int64_t memoryLimit)
{
    if (function == 0)
        return std::make_unique<GraphCutFunction>(s, iota(n), 1.0, CancelToken());
    if (function == 1)
        return std::make_unique<FacilityLocationFunction>(s, iota(n), memoryLimit, CancelToken());
    return std::make_unique<LogDeterminantFunction>(s, iota(n), budget, memoryLimit, CancelToken());
}

GreedyResult runNamed(const QString& greedy, SubmodularFunction& f, std::int64_t k)
{
    if (greedy == QLatin1String("naive"))
        return naiveGreedy(f, k, CancelToken(), {});
    if (greedy == QLatin1String("lazy"))
        return lazyGreedy(f, k, CancelToken(), {}, 1);
    if (greedy == QLatin1String("lazy-2-threads"))
        return lazyGreedy(f, k, CancelToken(), {}, 2);
    if (greedy == QLatin1String("stochastic-all"))
        // epsilon so small that every step samples every candidate: the naive greedy's rule.
        return stochasticGreedy(f, k, 1e-300, 7, CancelToken(), {});
    if (greedy == QLatin1String("approximate-lazy-exact"))
        // beta 1 accepts a refreshed top only when it beat its own bound: exact.
        return approximateLazyGreedy(f, k, 1.0, CancelToken(), {});
    qFatal("unknown greedy");
    return {};
}

// The greedy from the pairwise definitions, for configurations whose similarities and
// sums are exact in double: ties are exact, and the first maximum wins.
std::vector<std::int64_t> definitionGreedy(int function, const SimilaritySpace& s, std::int64_t n, std::int64_t k)
{
    std::vector<std::int64_t> picks;
    std::vector<char> taken(static_cast<std::size_t>(n), 0);
    std::vector<double> best(static_cast<std::size_t>(n), 0.0);
    for (std::int64_t step = 0; step < k; ++step) {
        std::int64_t arg = -1;
        double argGain = 0;
        for (std::int64_t x = 0; x < n; ++x) {
            if (taken[static_cast<std::size_t>(x)])
                continue;
            double g = 0;
            for (std::int64_t i = 0; i < n; ++i) {
                if (function == 0)
                    g += s.similarity(i, x) - (taken[static_cast<std::size_t>(i)] ? 2 * s.similarity(i, x) : 0.0);
                else
                    g += std::max(0.0, s.similarity(i, x) - best[static_cast<std::size_t>(i)]);
            }
            if (arg < 0 || g > argGain) {
                arg = x;
                argGain = g;
            }
        }
        picks.push_back(arg);
        taken[static_cast<std::size_t>(arg)] = 1;
        for (std::int64_t i = 0; i < n; ++i)
            best[static_cast<std::size_t>(i)] = std::max(best[static_cast<std::size_t>(i)], s.similarity(i, arg));
    }
    return picks;
}

void addFunctionGreedyRows(bool withLogDet)
{
    QTest::addColumn<int>("function");
    QTest::addColumn<QString>("greedy");
    const char* functions[] = {"graphcut", "facility-location", "log-det"};
    const char* greedies[] = {"naive", "lazy", "lazy-2-threads", "stochastic-all", "approximate-lazy-exact"};
    for (int f = 0; f < (withLogDet ? 3 : 2); ++f)
        for (const char* g : greedies)
            QTest::newRow(qPrintable(QString("%1, %2").arg(functions[f], g))) << f << QString(g);
}

} // namespace

class ExactTiesTest : public QObject {
    Q_OBJECT

private slots:
    // No pick may leave a bit-identical row at a lower position unpicked: in exact
    // arithmetic the two gains are equal, and the first wins. Both the similarity matrix
    // held in memory and the one computed column by column (over the memory limit).
    void duplicateRowsGoToTheLowestPosition_data() { addFunctionGreedyRows(true); }
    void duplicateRowsGoToTheLowestPosition()
    {
        QFETCH(int, function);
        QFETCH(QString, greedy);
        const int n = 260, k = 90;
        // d = 12: log-det runs out of rank (every later candidate is dependent);
        // d = 300: the matrix products round by an entry's place in their blocks.
        for (const int d : {12, 300})
            for (const float shift : {0.0f, 1.5f}) {
                for (const std::int64_t memoryLimit : {std::int64_t(1) << 30, std::int64_t(0)}) {
                    const Rows rows = rowsWithDuplicates(n, d, shift, 11);
                    const DenseSimilaritySpace s(rows, rows->data(), n, d, Kernel::Cosine, "test");
                    auto f = makeFunction(function, s, n, k, memoryLimit);
                    const GreedyResult r = runNamed(greedy, *f, k);
                    QCOMPARE(static_cast<int>(r.picks.size()), k);
                    std::vector<char> taken(n, 0);
                    for (std::size_t step = 0; step < r.picks.size(); ++step) {
                        const std::int64_t p = r.picks[step];
                        for (std::int64_t q = 0; q < p; ++q)
                            QVERIFY2(taken[static_cast<std::size_t>(q)] || !sameRow(*rows, d, p, q),
                                     qPrintable(
                                         QString("step %1 picked %2 before its duplicate %3 (d %4, shift %5, limit %6)")
                                             .arg(step)
                                             .arg(p)
                                             .arg(q)
                                             .arg(d)
                                             .arg(shift)
                                             .arg(memoryLimit)));
                        taken[static_cast<std::size_t>(p)] = 1;
                    }
                    // Every greedy that is exact picks the naive greedy's sequence.
                    auto fn = makeFunction(function, s, n, k, memoryLimit);
                    QCOMPARE(r.picks, naiveGreedy(*fn, k, CancelToken(), {}).picks);
                }
            }
    }

    // The similarity matrix itself, held in memory or computed column by column: symmetric
    // and duplicates' columns, and their entries in every column, equal bit for bit.
    void duplicateRowsHaveIdenticalSimilarities()
    {
        const int n = 1100, d = 784;
        const Rows rows = rowsWithDuplicates(n, d, 0.5f, 3);
        const DenseSimilaritySpace s(rows, rows->data(), n, d, Kernel::Cosine, "test");
        std::vector<std::pair<std::int64_t, std::int64_t>> pairs;
        for (std::int64_t a = 0; a < n; ++a)
            for (std::int64_t b = a + 1; b < n; ++b)
                if (sameRow(*rows, d, a, b))
                    pairs.push_back({a, b});
        QVERIFY(pairs.size() > 100);
        for (const std::int64_t memoryLimit : {std::int64_t(1) << 30, std::int64_t(0)}) {
            const SimilarityColumns columns(s, iota(n), memoryLimit, CancelToken());
            std::vector<float> first(n);
            for (const auto& [a, b] : pairs) {
                std::memcpy(first.data(), columns.column(a), sizeof(float) * n);
                const float* second = columns.column(b);
                QVERIFY2(std::memcmp(first.data(), second, sizeof(float) * n) == 0,
                         qPrintable(QString("columns %1 and %2 differ").arg(a).arg(b)));
                for (std::int64_t c = 0; c < n; c += 97) {
                    const float* col = columns.column(c);
                    QVERIFY2(col[a] == col[b],
                             qPrintable(QString("rows %1 and %2 differ in column %3").arg(a).arg(b).arg(c)));
                }
            }
            // Symmetric to the bit, and the diagonal is the space's own s(i, i).
            for (std::int64_t c = 0; c < n; c += 37) {
                std::memcpy(first.data(), columns.column(c), sizeof(float) * n);
                QCOMPARE(first[static_cast<std::size_t>(c)], static_cast<float>(s.similarity(c, c)));
                for (std::int64_t r = 1; r < n; r += 53)
                    QVERIFY2(first[static_cast<std::size_t>(r)] == columns.column(r)[c],
                             qPrintable(QString("s(%1, %2) != s(%2, %1)").arg(c).arg(r)));
            }
        }
    }

    // The same on real data, where the products round s(i, i) away from 1 for some images
    // and facility location's ties between two mutually nearest images are real: the label-0
    // images of Fashion-MNIST (the reference parity test's input), cosine kernel.
    void fashionMnistSimilaritiesAreSymmetric()
    {
        const DatasetBundle fm = openDataset("fashion-mnist:" + dqtest::fashionMnistDir().string());
        const NpyArray pixels = pixelFeatures(*fm.train, Progress::none(), CancelToken());
        auto rows = std::make_shared<std::vector<float>>();
        for (std::int64_t i = 0; i < fm.train->size() && rows->size() < 3000 * 784; ++i)
            if (fm.train->label(i) == 0)
                rows->insert(rows->end(), pixels.data<float>() + i * 784, pixels.data<float>() + (i + 1) * 784);
        const std::int64_t n = static_cast<std::int64_t>(rows->size() / 784);
        const DenseSimilaritySpace s(rows, rows->data(), n, 784, Kernel::Cosine, "fashion-mnist label 0");
        const SimilarityColumns columns(s, iota(n), std::int64_t(1) << 30, CancelToken());
        int asymmetric = 0, offDiagonal = 0;
        for (std::int64_t c = 0; c < n; ++c) {
            const float* col = columns.column(c);
            offDiagonal += col[c] != static_cast<float>(s.similarity(c, c));
            for (std::int64_t r = c + 1; r < n; ++r)
                asymmetric += col[r] != columns.column(r)[c];
        }
        QCOMPARE(offDiagonal, 0);
        QCOMPARE(asymmetric, 0);
    }

    // A pool large enough for the lazy greedy's quick bounds and parallel refresh, with
    // many duplicates: the sketch's bounds and the cohorts must keep the tie rule.
    void duplicatesInALargePoolWithQuickBounds()
    {
        const int n = 5000, d = 512, k = 700;
        // Unit vectors around one direction (cosine about 0.85 to it, like text
        // embeddings): the diffuse case where the quick bounds take over.
        std::mt19937 rng(5);
        std::normal_distribution<float> g(0.0f, 1.0f);
        std::vector<double> mean(d);
        double meanNorm = 0;
        for (double& x : mean) {
            x = g(rng);
            meanNorm += x * x;
        }
        const double tau = std::sqrt(1.0 / (0.85 * 0.85) - 1.0) / std::sqrt(static_cast<double>(d));
        auto rows = std::make_shared<std::vector<float>>(static_cast<std::size_t>(n) * d);
        for (int i = 0; i < n; ++i) {
            float* row = rows->data() + static_cast<std::size_t>(i) * d;
            double norm = 0;
            for (int c = 0; c < d; ++c) {
                row[c] = static_cast<float>(mean[static_cast<std::size_t>(c)] / std::sqrt(meanNorm) + tau * g(rng));
                norm += static_cast<double>(row[c]) * row[c];
            }
            for (int c = 0; c < d; ++c)
                row[c] = static_cast<float>(row[c] / std::sqrt(norm));
        }
        // Every tenth row reappears once, mostly further on, some before.
        std::vector<std::pair<int, int>> copies; // (first, copy)
        for (int i = 0; i < n; i += 10) {
            const int to = (i * 7 + n / 2 + 3) % n;
            if (to % 10 == 0)
                continue;
            std::memcpy(rows->data() + static_cast<std::size_t>(to) * d, rows->data() + static_cast<std::size_t>(i) * d,
                        sizeof(float) * d);
            copies.push_back({std::min(i, to), std::max(i, to)});
        }
        const DenseSimilaritySpace s(rows, rows->data(), n, d, Kernel::Dot, "test");
        GraphCutFunction f1(s, iota(n), 1.0, CancelToken()), f2(s, iota(n), 1.0, CancelToken());
        const GreedyResult naive = naiveGreedy(f1, k, CancelToken(), {});
        const GreedyResult lazy = lazyGreedy(f2, k, CancelToken(), {}, 2);
        QVERIFY2(f2.reason().find("int8 sketch") != std::string::npos, "the quick bounds were not used");
        QCOMPARE(lazy.picks, naive.picks);
        std::vector<int> step(n, -1);
        for (std::size_t t = 0; t < naive.picks.size(); ++t)
            step[static_cast<std::size_t>(naive.picks[t])] = static_cast<int>(t);
        int tiesSeen = 0;
        for (const auto& [first, copy] : copies) {
            // Whichever of the two is picked first decided a tie.
            if (step[first] < 0 && step[copy] < 0)
                continue;
            ++tiesSeen;
            QVERIFY2(step[first] >= 0 && (step[copy] < 0 || step[first] < step[copy]),
                     qPrintable(QString("picked %1 before its first copy %2").arg(copy).arg(first)));
        }
        QVERIFY2(tiesSeen > 0, "no row with a copy was picked: the test decides no tie");
    }

    // Unit vectors +-e_1 .. +-e_4, each twice: every cosine is 1, 0 or -1, every similarity
    // 1, 0.5 or 0, and every gain an exact sum, so the definition's greedy decides each tie
    // exactly and the engine must pick the same positions.
    void symmetricConfigurationMatchesTheDefinition_data() { addFunctionGreedyRows(false); }
    void symmetricConfigurationMatchesTheDefinition()
    {
        QFETCH(int, function);
        QFETCH(QString, greedy);
        const int d = 4, n = 16, k = 12;
        auto rows = std::make_shared<std::vector<float>>(static_cast<std::size_t>(n) * d, 0.0f);
        // Order: e3, -e1, e2, -e4, e1, -e3, e4, -e2, then the same again.
        const int axis[] = {2, 0, 1, 3, 0, 2, 3, 1};
        const float sign[] = {1, -1, 1, -1, 1, -1, 1, -1};
        for (int i = 0; i < n; ++i)
            (*rows)[static_cast<std::size_t>(i) * d + axis[i % 8]] = sign[i % 8];
        for (const Kernel kernel : {Kernel::Cosine, Kernel::Dot}) {
            if (function == 1 && kernel == Kernel::Dot)
                continue; // facility location needs s >= 0
            const DenseSimilaritySpace s(rows, rows->data(), n, d, kernel, "test");
            auto f = makeFunction(function, s, n, k, std::int64_t(1) << 30);
            const GreedyResult r = runNamed(greedy, *f, k);
            QCOMPARE(r.picks, definitionGreedy(function, s, n, k));
        }
    }
};

QTEST_APPLESS_MAIN(ExactTiesTest)
#include "tst_ExactTies.moc"
