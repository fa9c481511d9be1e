// Gains of the submodular functions against their definitions computed pair by pair,
// and the greedy optimisers against brute force on tiny sets.
#include "TestSupport.h"

#include "common/Progress.h"
#include "submodular/internal/DenseSimilaritySpace.h"
#include "submodular/internal/FacilityLocationFunction.h"
#include "submodular/internal/FactoredGradientSpace.h"
#include "submodular/internal/GraphCutFunction.h"
#include "submodular/Greedy.h"
#include "submodular/internal/LogDeterminantFunction.h"

#include <QtTest>

#include <cmath>
#include <functional>
#include <memory>
#include <random>

using namespace dq;

namespace {

std::shared_ptr<std::vector<float>> randomRows(int n, int d, unsigned seed, float shift = 0.0f)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> g(0.0f, 1.0f);
    auto v = std::make_shared<std::vector<float>>(static_cast<std::size_t>(n * d));
    for (auto& x : *v)
        x = g(rng) + shift;
    return v;
}

DenseSimilaritySpace space(const std::shared_ptr<std::vector<float>>& rows, int n, int d, Kernel k)
{
    return DenseSimilaritySpace(rows, rows->data(), n, d, k, "test");
}

std::vector<std::int64_t> iota(std::int64_t n)
{
    std::vector<std::int64_t> v(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i)
        v[static_cast<std::size_t>(i)] = i;
    return v;
}

// log det of the similarity matrix on `set`, by a plain Cholesky.
double logDet(const SimilaritySpace& s, const std::vector<std::int64_t>& set)
{
    const std::size_t k = set.size();
    std::vector<double> a(k * k);
    for (std::size_t i = 0; i < k; ++i)
        for (std::size_t j = 0; j < k; ++j)
            a[i * k + j] = s.similarity(set[i], set[j]);
    double ld = 0;
    for (std::size_t j = 0; j < k; ++j) {
        double d = a[j * k + j];
        for (std::size_t t = 0; t < j; ++t)
            d -= a[j * k + t] * a[j * k + t];
        d = std::sqrt(d);
        ld += 2 * std::log(d);
        a[j * k + j] = d;
        for (std::size_t i = j + 1; i < k; ++i) {
            double v = a[i * k + j];
            for (std::size_t t = 0; t < j; ++t)
                v -= a[i * k + t] * a[j * k + t];
            a[i * k + j] = v / d;
        }
    }
    return ld;
}

double facilityValue(const SimilaritySpace& s, std::int64_t n, const std::vector<std::int64_t>& set)
{
    double v = 0;
    for (std::int64_t i = 0; i < n; ++i) {
        double best = 0;
        for (const std::int64_t j : set)
            best = std::max(best, s.similarity(i, j));
        v += best;
    }
    return v;
}

// Best value over all subsets of size k of 0..n-1.
double bruteForceBest(std::int64_t n, std::int64_t k, const std::function<double(const std::vector<std::int64_t>&)>& f)
{
    double best = -1e300;
    std::vector<std::int64_t> set;
    std::function<void(std::int64_t)> rec = [&](std::int64_t from) {
        if (static_cast<std::int64_t>(set.size()) == k) {
            best = std::max(best, f(set));
            return;
        }
        for (std::int64_t i = from; i < n; ++i) {
            set.push_back(i);
            rec(i + 1);
            set.pop_back();
        }
    };
    rec(0);
    return best;
}

std::vector<std::int64_t> positionsOf(const GreedyResult& r) { return r.picks; }

// Quick bounds and falls that are valid but useless: the lazy greedy must notice, give
// them up (moving every candidate back to its plain queues) and stay exact.
class LooseQuickBounds : public GraphCutFunction {
public:
    using GraphCutFunction::GraphCutFunction;
    double quickUpperBound(std::int64_t p, int level) const override
    {
        return GraphCutFunction::quickUpperBound(p, level) + 1e3;
    }
    double fallSince(int id, int group) const override { return GraphCutFunction::fallSince(id, group) - 1e3; }
    double fallBetween(int older, int newer, int group, bool upper) const override
    {
        return GraphCutFunction::fallBetween(older, newer, group, upper) + (upper ? 1e3 : -1e3);
    }
};

// Unit vectors around one random direction with mean cosine `cosToMean` to it (like text
// embeddings): the diffuse high-dimensional case where the lazy greedy's quick bounds,
// hot candidates and checkpointed cohorts take over.
std::shared_ptr<std::vector<float>> diffuseRows(int n, int d, double cosToMean, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> g(0.0f, 1.0f);
    std::vector<double> m(static_cast<std::size_t>(d));
    double norm = 0;
    for (double& x : m) {
        x = g(rng);
        norm += x * x;
    }
    const double tau = std::sqrt(1.0 / (cosToMean * cosToMean) - 1.0) / std::sqrt(static_cast<double>(d));
    auto v = std::make_shared<std::vector<float>>(static_cast<std::size_t>(n) * d);
    for (int i = 0; i < n; ++i) {
        float* row = v->data() + static_cast<std::size_t>(i) * d;
        double s = 0;
        for (int k = 0; k < d; ++k) {
            row[k] = static_cast<float>(m[static_cast<std::size_t>(k)] / std::sqrt(norm) + tau * g(rng));
            s += static_cast<double>(row[k]) * row[k];
        }
        for (int k = 0; k < d; ++k)
            row[k] = static_cast<float>(row[k] / std::sqrt(s));
    }
    return v;
}

} // namespace

class SubmodularFunctionsTest : public QObject {
    Q_OBJECT

private slots:
    void graphCutGainsMatchPairwiseDefinition_data()
    {
        QTest::addColumn<int>("kernel");
        QTest::newRow("cosine") << int(Kernel::Cosine);
        QTest::newRow("dot") << int(Kernel::Dot);
    }
    void graphCutGainsMatchPairwiseDefinition()
    {
        QFETCH(int, kernel);
        const int n = 40, d = 7;
        auto rows = randomRows(n, d, 1);
        (*rows)[3 * d + 0] = 0; // a zero row is allowed
        for (int k = 0; k < d; ++k)
            (*rows)[3 * d + k] = 0;
        const DenseSimilaritySpace s = space(rows, n, d, Kernel(kernel));
        QCOMPARE(s.zeroRows(), std::int64_t(1));
        // Pool: every second sample; lambda 1.5.
        std::vector<std::int64_t> pool;
        for (int i = 0; i < n; i += 2)
            pool.push_back(i);
        GraphCutFunction f(s, pool, 1.5, CancelToken());
        std::vector<std::int64_t> selected;
        for (const std::int64_t pick : {std::int64_t(4), std::int64_t(0), std::int64_t(9)}) {
            for (std::int64_t x = 0; x < f.size(); ++x) {
                double cover = 0, sel = 0;
                for (const std::int64_t i : pool)
                    cover += s.similarity(i, pool[static_cast<std::size_t>(x)]);
                for (const std::int64_t j : selected)
                    sel += s.similarity(pool[static_cast<std::size_t>(j)], pool[static_cast<std::size_t>(x)]);
                QVERIFY(std::abs(f.gain(x) - (1.5 * cover - 2 * sel)) < 1e-9 * (1 + std::abs(cover)));
            }
            f.select(pick);
            selected.push_back(pick);
        }
    }

    void zeroRowHasCosineZero()
    {
        auto rows = std::make_shared<std::vector<float>>(std::vector<float>{1, 0, 0, 0, 0, 1});
        const DenseSimilaritySpace s = space(rows, 3, 2, Kernel::Cosine);
        QCOMPARE(s.similarity(0, 1), 0.5);
        QCOMPARE(s.similarity(0, 2), 0.5);
        QCOMPARE(s.similarity(0, 0), 1.0);
    }

    void factoredGradientsEqualMaterialisedGradients()
    {
        const int n = 25, c = 4, e = 6;
        auto b = randomRows(n, c, 2);
        auto emb = randomRows(n, e, 3);
        auto g = std::make_shared<std::vector<float>>();
        for (int i = 0; i < n; ++i) {
            for (int k = 0; k < c; ++k)
                g->push_back((*b)[i * c + k]);
            for (int k = 0; k < c; ++k)
                for (int t = 0; t < e; ++t)
                    g->push_back((*b)[i * c + k] * (*emb)[i * e + t]);
        }
        for (const Kernel k : {Kernel::Cosine, Kernel::Dot}) {
            auto owner = std::make_shared<std::pair<decltype(b), decltype(emb)>>(b, emb);
            const FactoredGradientSpace fs(owner, b->data(), emb->data(), n, c, e, k, "test");
            const DenseSimilaritySpace ds = space(g, n, c + c * e, k);
            std::vector<float> blockF(n * n), blockD(n * n);
            const auto all = iota(n);
            fs.similarityBlock(all.data(), n, all.data(), n, blockF.data());
            ds.similarityBlock(all.data(), n, all.data(), n, blockD.data());
            for (int i = 0; i < n; ++i)
                for (int j = 0; j < n; ++j) {
                    QVERIFY(std::abs(fs.similarity(i, j) - ds.similarity(i, j)) <
                            1e-5 * (1 + std::abs(ds.similarity(i, j))));
                    QVERIFY(std::abs(blockF[i * n + j] - blockD[i * n + j]) < 1e-3 * (1 + std::abs(blockD[i * n + j])));
                }
            GraphCutFunction gf(fs, all, 1.0, CancelToken()), gd(ds, all, 1.0, CancelToken());
            gf.select(5);
            gd.select(5);
            for (int x = 0; x < n; ++x)
                QVERIFY(std::abs(gf.gain(x) - gd.gain(x)) < 1e-4 * (1 + std::abs(gd.gain(x))));
        }
    }

    void facilityLocationGainsMatchDefinition_data()
    {
        QTest::addColumn<qint64>("memoryLimit");
        QTest::newRow("matrix in memory") << (qint64(1) << 30);
        QTest::newRow("columns on demand") << qint64(16);
    }
    void facilityLocationGainsMatchDefinition()
    {
        QFETCH(qint64, memoryLimit);
        const int n = 30, d = 5;
        auto rows = randomRows(n, d, 4);
        const DenseSimilaritySpace s = space(rows, n, d, Kernel::Cosine);
        FacilityLocationFunction f(s, iota(n), memoryLimit, CancelToken());
        std::vector<std::int64_t> set;
        for (const std::int64_t pick : {std::int64_t(7), std::int64_t(2), std::int64_t(19)}) {
            const double before = facilityValue(s, n, set);
            for (std::int64_t x = 0; x < n; ++x) {
                auto with = set;
                with.push_back(x);
                QVERIFY(std::abs(f.gain(x) - (facilityValue(s, n, with) - before)) < 1e-4);
            }
            f.select(pick);
            set.push_back(pick);
        }
    }

    void logDeterminantGainsMatchDefinition()
    {
        const int n = 20, d = 12;
        auto rows = randomRows(n, d, 5);
        const DenseSimilaritySpace s = space(rows, n, d, Kernel::Cosine);
        LogDeterminantFunction f(s, iota(n), 4, std::int64_t(1) << 30, CancelToken());
        std::vector<std::int64_t> set;
        for (const std::int64_t pick : {std::int64_t(3), std::int64_t(11), std::int64_t(0)}) {
            const double before = set.empty() ? 0.0 : logDet(s, set);
            for (std::int64_t x = 0; x < n; ++x) {
                if (std::find(set.begin(), set.end(), x) != set.end())
                    continue;
                auto with = set;
                with.push_back(x);
                QVERIFY2(std::abs(f.gain(x) - (logDet(s, with) - before)) < 1e-4,
                         qPrintable(
                             QString("x=%1 gain %2 expected %3").arg(x).arg(f.gain(x)).arg(logDet(s, with) - before)));
            }
            f.select(pick);
            set.push_back(pick);
        }
    }

    void lazyEqualsNaive_data()
    {
        QTest::addColumn<int>("function");
        QTest::addColumn<int>("kernel");
        QTest::addColumn<float>("shift");
        QTest::newRow("graphcut cosine centred") << 0 << int(Kernel::Cosine) << 0.0f;
        QTest::newRow("graphcut cosine positive (angle groups)") << 0 << int(Kernel::Cosine) << 2.0f;
        QTest::newRow("graphcut dot positive (angle groups)") << 0 << int(Kernel::Dot) << 2.0f;
        QTest::newRow("facility-location") << 1 << int(Kernel::Cosine) << 0.0f;
        QTest::newRow("log-det") << 2 << int(Kernel::Cosine) << 0.0f;
    }
    void lazyEqualsNaive()
    {
        QFETCH(int, function);
        QFETCH(int, kernel);
        QFETCH(float, shift);
        const int n = 300, d = 16, k = 40;
        auto rows = randomRows(n, d, 6, shift);
        const DenseSimilaritySpace s = space(rows, n, d, Kernel(kernel));
        auto make = [&]() -> std::unique_ptr<SubmodularFunction> {
            if (function == 0)
                return std::make_unique<GraphCutFunction>(s, iota(n), 1.0, CancelToken());
            if (function == 1)
                return std::make_unique<FacilityLocationFunction>(s, iota(n), std::int64_t(1) << 30, CancelToken());
            return std::make_unique<LogDeterminantFunction>(s, iota(n), k, std::int64_t(1) << 30, CancelToken());
        };
        auto f1 = make();
        auto f2 = make();
        if (shift > 0)
            QVERIFY(f2->groupCount() > 1);
        const GreedyResult naive = naiveGreedy(*f1, k, CancelToken(), {});
        const GreedyResult lazy = lazyGreedy(*f2, k, CancelToken(), {});
        QCOMPARE(lazy.picks, naive.picks);
        QVERIFY(lazy.evaluations < naive.evaluations);
    }

    // A large pool refreshes stale candidates in parallel batches: same picks as naive.
    void parallelLazyEqualsNaive()
    {
        const int n = 6000, d = 24, k = 150;
        auto rows = randomRows(n, d, 21, 1.0f);
        const DenseSimilaritySpace s = space(rows, n, d, Kernel::Dot);
        GraphCutFunction f1(s, iota(n), 1.0, CancelToken()), f2(s, iota(n), 1.0, CancelToken());
        const GreedyResult lazy = lazyGreedy(f2, k, CancelToken(), {}, 2);
        QCOMPARE(lazy.picks, naiveGreedy(f1, k, CancelToken(), {}).picks);
    }

    // Diffuse high-dimensional pools (the instruction-data case, scaled down): the lazy greedy
    // switches to quick bounds from the int8 sketch and checkpointed cohorts; it must still
    // pick exactly what the naive greedy picks, in order, with the same gains.
    void lazyEqualsNaiveOnDiffuseHighDimensionalData_data()
    {
        QTest::addColumn<int>("kernel");
        QTest::addColumn<int>("threads");
        QTest::newRow("dot, 1 thread") << int(Kernel::Dot) << 1;
        QTest::newRow("dot, 2 threads") << int(Kernel::Dot) << 2;
        QTest::newRow("cosine, 2 threads") << int(Kernel::Cosine) << 2;
    }
    void lazyEqualsNaiveOnDiffuseHighDimensionalData()
    {
        QFETCH(int, kernel);
        QFETCH(int, threads);
        const int n = 5000, d = 512, k = 700;
        auto rows = diffuseRows(n, d, 0.85, 31);
        const DenseSimilaritySpace s = space(rows, n, d, Kernel(kernel));
        GraphCutFunction f1(s, iota(n), 1.0, CancelToken()), f2(s, iota(n), 1.0, CancelToken());
        const GreedyResult naive = naiveGreedy(f1, k, CancelToken(), {});
        const GreedyResult lazy = lazyGreedy(f2, k, CancelToken(), {}, threads);
        QVERIFY2(f2.reason().find("int8 sketch") != std::string::npos, "the quick bounds were not used");
        QCOMPARE(lazy.picks, naive.picks);
        QCOMPARE(lazy.gains, naive.gains);
        QVERIFY(lazy.evaluations < naive.evaluations / 20);
    }

    // Gradient features of one class as `dq features --mode gradient` gives them (b = softmax
    // - one-hot, e = ReLU embeddings), in a pool too small for the parallel refresh: the
    // quick-bound path still starts, and stays exact.
    void lazyEqualsNaiveOnGradientFactorsOfOneClass()
    {
        const int n = 2000, c = 10, e = 64, k = 400;
        std::mt19937 rng(23);
        std::normal_distribution<float> normal(0.0f, 1.0f);
        auto b = std::make_shared<std::vector<float>>(static_cast<std::size_t>(n) * c);
        auto emb = std::make_shared<std::vector<float>>(static_cast<std::size_t>(n) * e);
        for (int i = 0; i < n; ++i) {
            float logits[c], total = 0;
            for (int j = 0; j < c; ++j)
                total += logits[j] = std::exp(normal(rng) + (j == 3 ? 2.0f : 0.0f));
            for (int j = 0; j < c; ++j)
                (*b)[i * c + j] = logits[j] / total - (j == 3 ? 1.0f : 0.0f);
            for (int t = 0; t < e; ++t)
                (*emb)[i * e + t] = std::max(0.0f, normal(rng) + 0.5f);
        }
        auto owner = std::make_shared<std::pair<decltype(b), decltype(emb)>>(b, emb);
        const FactoredGradientSpace fs(owner, b->data(), emb->data(), n, c, e, Kernel::Cosine, "test");
        GraphCutFunction f1(fs, iota(n), 1.0, CancelToken()), f2(fs, iota(n), 1.0, CancelToken());
        const GreedyResult naive = naiveGreedy(f1, k, CancelToken(), {});
        const GreedyResult lazy = lazyGreedy(f2, k, CancelToken(), {}, 2);
        QVERIFY2(f2.reason().find("int8 sketch") != std::string::npos, "the quick bounds were not used");
        QVERIFY(lazy.quickBounds > 0);
        QCOMPARE(lazy.picks, naive.picks);
        QCOMPARE(lazy.gains, naive.gains);
    }

    // Data the sketch fits badly (centred, so gains can rise): whatever path the lazy greedy
    // takes, it stays exact.
    void lazyEqualsNaiveWhereQuickBoundsAreLoose()
    {
        const int n = 5000, d = 24, k = 600;
        auto rows = randomRows(n, d, 41);
        const DenseSimilaritySpace s = space(rows, n, d, Kernel::Dot);
        GraphCutFunction f1(s, iota(n), 1.0, CancelToken()), f2(s, iota(n), 1.0, CancelToken());
        QCOMPARE(lazyGreedy(f2, k, CancelToken(), {}, 2).picks, naiveGreedy(f1, k, CancelToken(), {}).picks);
    }

    void lazyGivesUpUselessQuickBounds()
    {
        const int n = 5000, d = 512, k = 700;
        auto rows = diffuseRows(n, d, 0.85, 31);
        const DenseSimilaritySpace s = space(rows, n, d, Kernel::Dot);
        GraphCutFunction f1(s, iota(n), 1.0, CancelToken());
        LooseQuickBounds f2(s, iota(n), 1.0, CancelToken());
        const GreedyResult naive = naiveGreedy(f1, k, CancelToken(), {});
        const GreedyResult lazy = lazyGreedy(f2, k, CancelToken(), {}, 2);
        QVERIFY(f2.reason().find("int8 sketch") != std::string::npos);
        QCOMPARE(lazy.picks, naive.picks);
        QCOMPARE(lazy.gains, naive.gains);
    }

    // The quick bounds are upper bounds of the gains as computed, at both levels, and the
    // checkpoints' falls bound the true falls of every gain of each group.
    void quickBoundsAndFallsHold()
    {
        const int n = 600, d = 96;
        auto rows = diffuseRows(n, d, 0.8, 17);
        const DenseSimilaritySpace s = space(rows, n, d, Kernel::Dot);
        GraphCutFunction f(s, iota(n), 1.0, CancelToken());
        QVERIFY(f.enableQuickBounds(nullptr));
        QCOMPARE(f.quickLevels(), 2);
        std::vector<double> start(n), middle(n);
        for (int x = 0; x < n; ++x)
            start[x] = f.gain(x);
        const int first = f.checkpoint();
        std::mt19937 rng(5);
        for (int step = 0; step < 120; ++step) {
            const int pick = static_cast<int>(rng() % n);
            f.select(pick);
            if (step == 40) {
                for (int x = 0; x < n; ++x)
                    middle[x] = f.gain(x);
            }
            if (step % 20 != 0)
                continue;
            double worst = 1e300, worst2 = 1e300;
            for (int x = 0; x < n; ++x) {
                worst = std::min(worst, f.quickUpperBound(x, 1) - f.gain(x));
                worst2 = std::min(worst2, f.quickUpperBound(x, 2) - f.gain(x));
                QVERIFY(f.quickUpperBound(x, 2) <= f.quickUpperBound(x, 1) + 1e-9);
            }
            QVERIFY2(worst > 0 && worst2 > 0, qPrintable(QString("bound below gain by %1 / %2").arg(-worst).arg(-worst2)));
            QVERIFY2(worst2 < 0.05 * worst, qPrintable(QString("level 2 slack %1, level 1 %2").arg(worst2).arg(worst)));
        }
        const int second = f.checkpoint(); // after 120 picks; `middle` is after 41
        QVERIFY(second >= 0 && second != first);
        for (int i = 0; i < 30; ++i)
            f.select(static_cast<int>(rng() % n));
        for (int x = 0; x < n; ++x) {
            const int g = f.groupOf(x);
            const double fell = start[x] - f.gain(x);
            QVERIFY2(fell >= f.fallSince(first, g),
                     qPrintable(QString("x=%1 fell %2, claimed %3").arg(x).arg(fell).arg(f.fallSince(first, g))));
            QVERIFY(f.fallSince(second, g) <= fell);
        }
        // Between the checkpoints: fallBetween's bounds enclose the fall of every gain.
        std::vector<double> atSecond(n);
        GraphCutFunction replay(s, iota(n), 1.0, CancelToken());
        std::mt19937 again(5);
        for (int step = 0; step < 120; ++step)
            replay.select(static_cast<int>(again() % n));
        for (int x = 0; x < n; ++x) {
            const int g = f.groupOf(x);
            const double fell = start[x] - replay.gain(x);
            QVERIFY(f.fallBetween(first, second, g, false) <= fell);
            QVERIFY(f.fallBetween(first, second, g, true) >= fell);
        }
        // A Cauchy-Schwarz bound on the sum since, not per pick: far tighter than the sum of
        // the per-pick group bounds over the same picks.
        QVERIFY(f.fallSince(first, f.groupOf(0)) > 0);
        f.releaseCheckpoint(first);
        f.releaseCheckpoint(second);
    }

    // Every group's claimed least decrease holds for every candidate of the group.
    void groupDecreasesAreLowerBounds()
    {
        const int n = 200, d = 8;
        auto rows = randomRows(n, d, 13, 1.5f);
        const DenseSimilaritySpace s = space(rows, n, d, Kernel::Cosine);
        GraphCutFunction f(s, iota(n), 1.0, CancelToken());
        QVERIFY(f.groupCount() > 1);
        for (const std::int64_t pick : {std::int64_t(0), std::int64_t(50), std::int64_t(199)}) {
            std::vector<double> before(n);
            for (int x = 0; x < n; ++x)
                before[x] = f.gain(x);
            std::vector<double> claimed(n);
            for (int x = 0; x < n; ++x)
                claimed[x] = f.groupDecrease(f.groupOf(x), pick);
            f.select(pick);
            for (int x = 0; x < n; ++x)
                QVERIFY2(before[x] - f.gain(x) >= claimed[x] - 1e-12,
                         qPrintable(QString("x=%1 fell %2, claimed %3").arg(x).arg(before[x] - f.gain(x)).arg(claimed[x])));
        }
    }

    // Greedy guarantees for monotone submodular functions (FacilityLocation with s >= 0):
    // greedy >= (1 - 1/e) OPT, approximate lazy >= (1 - e^-beta) OPT,
    // stochastic >= (1 - 1/e - epsilon) OPT in expectation.
    void greedyBoundsAgainstBruteForce()
    {
        const int n = 12, d = 3, k = 4;
        for (unsigned seed = 10; seed < 15; ++seed) {
            auto rows = randomRows(n, d, seed);
            const DenseSimilaritySpace s = space(rows, n, d, Kernel::Cosine);
            const double opt = bruteForceBest(n, k, [&](const auto& set) { return facilityValue(s, n, set); });
            auto run = [&](GreedyOptions o) {
                FacilityLocationFunction f(s, iota(n), std::int64_t(1) << 30, CancelToken());
                return facilityValue(s, n, positionsOf(runGreedy(f, k, o, CancelToken())));
            };
            GreedyOptions o;
            o.kind = GreedyKind::Naive;
            const double naive = run(o);
            QVERIFY(naive >= (1 - std::exp(-1.0)) * opt - 1e-9);
            QVERIFY(naive <= opt + 1e-9);
            o.kind = GreedyKind::ApproximateLazy;
            o.beta = 0.5;
            QVERIFY(run(o) >= (1 - std::exp(-0.5)) * opt - 1e-9);
            o.kind = GreedyKind::Stochastic;
            o.epsilon = 0.3;
            double mean = 0;
            for (std::uint64_t r = 0; r < 40; ++r) {
                o.seed = r;
                mean += run(o) / 40;
            }
            QVERIFY(mean >= (1 - std::exp(-1.0) - 0.3) * opt);
        }
    }

    void stochasticGreedyIsSeeded()
    {
        const int n = 200, d = 8, k = 20;
        auto rows = randomRows(n, d, 7);
        const DenseSimilaritySpace s = space(rows, n, d, Kernel::Cosine);
        auto run = [&](std::uint64_t seed) {
            GraphCutFunction f(s, iota(n), 1.0, CancelToken());
            return stochasticGreedy(f, k, 0.5, seed, CancelToken(), {}).picks;
        };
        QCOMPARE(run(1), run(1));
        QVERIFY(run(1) != run(2));
    }

    // The proven lower bound on s must hold for every pair.
    void similarityLowerBoundHolds_data()
    {
        QTest::addColumn<int>("kernel");
        QTest::addColumn<float>("shift");
        QTest::newRow("cosine, centred") << int(Kernel::Cosine) << 0.0f;
        QTest::newRow("cosine, around a direction") << int(Kernel::Cosine) << 3.0f;
        QTest::newRow("dot, centred") << int(Kernel::Dot) << 0.0f;
        QTest::newRow("dot, around a direction") << int(Kernel::Dot) << 3.0f;
    }
    void similarityLowerBoundHolds()
    {
        QFETCH(int, kernel);
        QFETCH(float, shift);
        const int n = 100, d = 10;
        auto rows = randomRows(n, d, 8, shift);
        const DenseSimilaritySpace s = space(rows, n, d, Kernel(kernel));
        double smallest = 1e300;
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
                smallest = std::min(smallest, s.similarity(i, j));
        QVERIFY2(s.minSimilarity() <= smallest + 1e-12, qPrintable(QString::fromStdString(s.similarityBound())));
        if (shift > 0)
            QVERIFY(s.nonNegative()); // all rows within 45 degrees of the mean direction
    }

    // Where the dot kernel is negative, gains can rise after a pick; lazy greedy with the
    // Cauchy-Schwarz bound still picks exactly what the naive greedy picks.
    void lazyEqualsNaiveWithNegativeSimilarities()
    {
        const int n = 300, d = 6, k = 60;
        auto rows = randomRows(n, d, 12);
        const DenseSimilaritySpace s = space(rows, n, d, Kernel::Dot);
        QVERIFY(!s.nonNegative());
        GraphCutFunction f1(s, iota(n), 1.0, CancelToken()), f2(s, iota(n), 1.0, CancelToken());
        QVERIFY(f1.minGainDecreasePerPick() < 0);
        QCOMPARE(lazyGreedy(f2, k, CancelToken(), {}).picks, naiveGreedy(f1, k, CancelToken(), {}).picks);
    }

    void nanFeaturesNameTheRow()
    {
        auto rows = randomRows(5, 3, 1);
        (*rows)[2 * 3 + 1] = std::nanf("");
        DQ_EXPECT_ERROR(DenseSimilaritySpace(rows, rows->data(), 5, 3, Kernel::Cosine, "features.npy"), "features.npy",
                        "row 2", "column 1", "NaN");
    }

    void cancelStopsGreedy()
    {
        const int n = 500, d = 8;
        auto rows = randomRows(n, d, 11);
        const DenseSimilaritySpace s = space(rows, n, d, Kernel::Cosine);
        GraphCutFunction f(s, iota(n), 1.0, CancelToken());
        CancelToken cancel;
        bool thrown = false;
        try {
            naiveGreedy(f, 100, cancel, [&](std::int64_t picked) {
                if (picked == 3)
                    cancel.cancel();
            });
        } catch (const Cancelled&) {
            thrown = true;
        }
        QVERIFY(thrown);
    }
};

QTEST_APPLESS_MAIN(SubmodularFunctionsTest)
#include "tst_SubmodularFunctions.moc"
