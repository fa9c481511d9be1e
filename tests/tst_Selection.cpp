// Coreset selection (core/selection) on small real data: 1,200 Fashion-MNIST images as
// pixel vectors, with the logits of a nearest-class-mean model standing in for a trained
// network. Budgets, determinism and the property that defines each method.
#include "TestSupport.h"

#include "bins/BinGenerator.h"
#include "bins/BinSampler.h"
#include "bins/BinsFolder.h"
#include "bins/internal/PythonRound.h"
#include "common/Error.h"
#include "common/Progress.h"
#include "datasets/DatasetSpec.h"
#include "features/FeaturesFolder.h"
#include "io/Npy.h"
#include "models/internal/TrainingDynamics.h"
#include "selection/internal/CoresetSelection.h"
#include "selection/internal/FloatDot.h"
#include "selection/internal/Herding.h"
#include "selection/internal/KCenterGreedy.h"
#include "selection/internal/LogitScores.h"
#include "selection/internal/RowMean.h"
#include "selection/internal/ScoreSelection.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <limits>
#include <set>

namespace fs = std::filesystem;
using namespace dq;

namespace {

constexpr std::int64_t kRows = 1200, kDim = 784, kClasses = 10;

double distance(const float* a, const float* b, std::int64_t dim)
{
    double s = 0;
    for (std::int64_t j = 0; j < dim; ++j)
        s += (static_cast<double>(a[j]) - b[j]) * (static_cast<double>(a[j]) - b[j]);
    return std::sqrt(s);
}

// Largest distance of a sample of `label` to its nearest selected sample of that class.
double coveringRadius(const SelectionInputs& in, const std::vector<std::int64_t>& selected, int label)
{
    const float* x = in.embedding.data<float>();
    double worst = 0;
    for (std::int64_t i = 0; i < kRows; ++i) {
        if (in.labels[static_cast<std::size_t>(i)] != label)
            continue;
        double nearest = std::numeric_limits<double>::infinity();
        for (const std::int64_t s : selected)
            if (in.labels[static_cast<std::size_t>(s)] == label)
                nearest = std::min(nearest, distance(x + i * kDim, x + s * kDim, kDim));
        worst = std::max(worst, nearest);
    }
    return worst;
}

std::vector<std::int64_t> classPool(const SelectionInputs& in, int label)
{
    std::vector<std::int64_t> pool;
    for (std::int64_t i = 0; i < kRows; ++i)
        if (in.labels[static_cast<std::size_t>(i)] == label)
            pool.push_back(i);
    return pool;
}

// The plain forms of the geometry methods, every sample evaluated at every pick with the
// same float products as core/selection: the projection-pruned methods must equal these
// bit for bit. Herding: arg-min (nearest) or arg-max of |x|^2 + |t|^2 - 2 x.t with t =
// (k + 1) mu - S; ties to the lowest position.
std::vector<std::int64_t> plainHerding(const float* x, const std::vector<std::int64_t>& pool, std::int64_t budget,
                                       bool nearest)
{
    const std::vector<double> mean = rowMean(x, kDim, pool);
    std::vector<double> sum(kDim, 0.0);
    std::vector<float> target(kDim);
    std::vector<char> used(pool.size(), 0);
    std::vector<std::int64_t> picks;
    for (std::int64_t k = 0; k < budget; ++k) {
        double tt = 0;
        for (std::size_t j = 0; j < kDim; ++j) {
            const double t = static_cast<double>(k + 1) * mean[j] - sum[j];
            target[j] = static_cast<float>(t);
            tt += t * t;
        }
        std::int64_t best = -1;
        double bestValue = 0;
        for (std::size_t p = 0; p < pool.size(); ++p) {
            if (used[p])
                continue;
            const float* xp = x + pool[p] * kDim;
            const double v = static_cast<double>(dotFloat16(xp, xp, kDim)) + tt - 2.0 * dotFloat16(xp, target.data(), kDim);
            if (best < 0 || (nearest ? v < bestValue : v > bestValue)) {
                best = static_cast<std::int64_t>(p);
                bestValue = v;
            }
        }
        used[static_cast<std::size_t>(best)] = 1;
        picks.push_back(best);
        for (std::size_t j = 0; j < kDim; ++j)
            sum[j] += x[pool[static_cast<std::size_t>(best)] * kDim + static_cast<std::int64_t>(j)];
    }
    return picks;
}

// k-center greedy from `first`: the unpicked sample farthest (squared distance
// |x|^2 + |c|^2 - 2 x.c, floored at 0) from its nearest pick, ties to the lowest position.
KCenterResult plainKCenter(const float* x, const std::vector<std::int64_t>& pool, std::int64_t budget, std::int64_t first)
{
    const std::size_t n = pool.size();
    std::vector<double> nearest(n, std::numeric_limits<double>::infinity());
    std::vector<char> used(n, 0);
    KCenterResult r;
    r.picks.push_back(first);
    used[static_cast<std::size_t>(first)] = 1;
    for (;;) {
        const float* xc = x + pool[static_cast<std::size_t>(r.picks.back())] * kDim;
        std::int64_t far = -1;
        for (std::size_t p = 0; p < n; ++p) {
            const float* xp = x + pool[p] * kDim;
            const double d2 = std::max(0.0, static_cast<double>(dotFloat16(xp, xp, kDim)) + dotFloat16(xc, xc, kDim) -
                                                2.0 * static_cast<double>(dotFloat16(xp, xc, kDim)));
            nearest[p] = std::min(nearest[p], d2);
            if (!used[p] && (far < 0 || nearest[p] > nearest[static_cast<std::size_t>(far)]))
                far = static_cast<std::int64_t>(p);
        }
        if (far < 0 || static_cast<std::int64_t>(r.picks.size()) == budget) {
            r.coveringRadius = far < 0 ? 0.0 : std::sqrt(nearest[static_cast<std::size_t>(far)]);
            return r;
        }
        used[static_cast<std::size_t>(far)] = 1;
        r.picks.push_back(far);
    }
}

} // namespace

class SelectionTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    fs::path features_, untrained_, noLogits_;
    SelectionInputs in_;

    fs::path path(const char* name) const { return fs::path(tmp_.path().toStdString()) / name; }

    // A features folder of pixels in [0, 1]; logits z_c = -|x - mu_c|^2 / 10 (the class means).
    void writeFeatures(const fs::path& dir, const NpyArray& x, const NpyArray& labels, const NpyArray* logits, int epochs,
                       const NpyArray* forgetting = nullptr, const NpyArray* aum = nullptr)
    {
        fs::create_directories(dir);
        writeNpy(dir / "embedding.npy", x);
        writeNpy(dir / "labels.npy", labels);
        std::vector<FeatureFile> files{{"embedding.npy", DType::Float32, x.shape},
                                       {"labels.npy", DType::Int64, labels.shape}};
        if (logits) {
            writeNpy(dir / "logits.npy", *logits);
            files.push_back({"logits.npy", DType::Float32, logits->shape});
        }
        if (forgetting) {
            writeNpy(dir / "forgetting.npy", *forgetting);
            writeNpy(dir / "aum.npy", *aum);
            files.push_back({"forgetting.npy", DType::Float32, forgetting->shape});
            files.push_back({"aum.npy", DType::Float32, aum->shape});
        }
        const nlohmann::json d{{"format", "dq-features"}, {"format_version", 1}, {"mode", "embedding"}, {"rows", kRows},
                               {"classes", kClasses},     {"dim", kDim},         {"epochs", epochs}};
        writeFeaturesManifest(dir, files, d.dump());
    }

    SelectionResult select(SelectionMethod m, double ratio = 0.1, std::uint64_t seed = 0, int threads = 0)
    {
        SelectionParams p;
        p.method = m;
        p.ratio = ratio;
        p.seed = seed;
        p.threads = threads;
        p.features = features_;
        return selectCoreset(in_, p, Progress::none(), CancelToken());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        const DatasetBundle data = openDataset(dqtest::writeSmallFashionMnist(path("fashion-mnist"), kRows, 10));
        const auto train = data.split("train");
        std::vector<float> x(static_cast<std::size_t>(kRows * kDim));
        std::vector<std::int64_t> labels(static_cast<std::size_t>(kRows));
        std::vector<double> mean(static_cast<std::size_t>(kClasses * kDim), 0.0);
        std::vector<int> count(kClasses, 0);
        for (std::int64_t i = 0; i < kRows; ++i) {
            const Image im = train->image(i);
            const int y = train->label(i);
            labels[static_cast<std::size_t>(i)] = y;
            ++count[static_cast<std::size_t>(y)];
            for (std::int64_t j = 0; j < kDim; ++j) {
                x[static_cast<std::size_t>(i * kDim + j)] = im.pixels[static_cast<std::size_t>(j)] / 255.0f;
                mean[static_cast<std::size_t>(y * kDim + j)] += im.pixels[static_cast<std::size_t>(j)] / 255.0;
            }
        }
        std::vector<float> logits(static_cast<std::size_t>(kRows * kClasses));
        for (std::int64_t i = 0; i < kRows; ++i)
            for (std::int64_t c = 0; c < kClasses; ++c) {
                double d2 = 0;
                for (std::int64_t j = 0; j < kDim; ++j) {
                    const double d = x[static_cast<std::size_t>(i * kDim + j)] -
                                     mean[static_cast<std::size_t>(c * kDim + j)] / count[static_cast<std::size_t>(c)];
                    d2 += d * d;
                }
                logits[static_cast<std::size_t>(i * kClasses + c)] = static_cast<float>(-d2 / 10.0);
            }
        const NpyArray xa = NpyArray::fromVector(x, {kRows, kDim}), la = NpyArray::fromVector(labels),
                       za = NpyArray::fromVector(logits, {kRows, kClasses});
        features_ = path("features");
        untrained_ = path("untrained");
        noLogits_ = path("pixels-only");
        // Training dynamics: forgetting events i % 7, AUM a function of the sample's index.
        std::vector<float> forgetting(static_cast<std::size_t>(kRows)), aum(static_cast<std::size_t>(kRows));
        for (std::int64_t i = 0; i < kRows; ++i) {
            forgetting[static_cast<std::size_t>(i)] = static_cast<float>(i % 7);
            aum[static_cast<std::size_t>(i)] = static_cast<float>(std::sin(0.37 * static_cast<double>(i)));
        }
        const NpyArray fa = NpyArray::fromVector(forgetting), aa = NpyArray::fromVector(aum);
        writeFeatures(features_, xa, la, &za, 1, &fa, &aa);
        writeFeatures(untrained_, xa, la, &za, 0);
        writeFeatures(noLogits_, xa, la, nullptr, 0);
        in_ = loadSelectionInputs(features_);
        QCOMPARE(in_.embedding.shape, (std::vector<std::int64_t>{kRows, kDim}));
    }

    void budgetsExactAndDeterministic_data()
    {
        QTest::addColumn<int>("method");
        for (const std::string& name : selectionMethodNames())
            QTest::newRow(name.c_str()) << static_cast<int>(parseSelectionMethod(name));
    }

    // Every method keeps round(ratio x class size) of every class, ascending, no repeats;
    // the same seed gives the same indices, with one thread or two.
    void budgetsExactAndDeterministic()
    {
        QFETCH(int, method);
        const auto m = static_cast<SelectionMethod>(method);
        const SelectionResult r = select(m, 0.1, 7, 2);
        std::vector<std::int64_t> size(kClasses, 0);
        for (const int l : in_.labels)
            ++size[static_cast<std::size_t>(l)];
        std::int64_t total = 0;
        for (std::int64_t c = 0; c < kClasses; ++c) {
            const std::int64_t want = pythonRound(0.1 * static_cast<double>(size[static_cast<std::size_t>(c)]));
            QCOMPARE(r.classCounts[static_cast<std::size_t>(c)], want);
            QCOMPARE(r.classBudgets[static_cast<std::size_t>(c)], want);
            total += want;
        }
        QCOMPARE(static_cast<std::int64_t>(r.indices.size()), total);
        QVERIFY(std::is_sorted(r.indices.begin(), r.indices.end()));
        QCOMPARE(std::set<std::int64_t>(r.indices.begin(), r.indices.end()).size(), r.indices.size());
        QCOMPARE(select(m, 0.1, 7, 1).indices, r.indices);
    }

    void seedMattersWhereTheMethodIsRandom()
    {
        QVERIFY(select(SelectionMethod::Random, 0.1, 1).indices != select(SelectionMethod::Random, 0.1, 2).indices);
        QVERIFY(select(SelectionMethod::KCenter, 0.1, 1).indices != select(SelectionMethod::KCenter, 0.1, 2).indices);
        QCOMPARE(select(SelectionMethod::Herding, 0.1, 1).indices, select(SelectionMethod::Herding, 0.1, 2).indices);
    }

    void noBalanceIsOnePool()
    {
        SelectionParams p;
        p.method = SelectionMethod::KCenter;
        p.ratio = 0.05;
        p.balance = false;
        const SelectionResult r = selectCoreset(in_, p, Progress::none(), CancelToken());
        QCOMPARE(static_cast<std::int64_t>(r.indices.size()), pythonRound(0.05 * kRows));
        QCOMPARE(r.classBudgets.size(), std::size_t(1));
    }

    // k-center's covering radius is never above random's on the same budget, and the
    // lazy heap picks what the plain rule (farthest from its nearest pick) picks.
    void kCenterCoversBetterThanRandom()
    {
        const SelectionResult k = select(SelectionMethod::KCenter, 0.1, 3);
        double radius = 0;
        for (int c = 0; c < kClasses; ++c) {
            const double rk = coveringRadius(in_, k.indices, c);
            radius = std::max(radius, rk);
            for (std::uint64_t seed = 0; seed < 3; ++seed)
                QVERIFY(rk <= coveringRadius(in_, select(SelectionMethod::Random, 0.1, seed).indices, c));
        }
        QVERIFY(std::abs(radius - k.coveringRadius) < 1e-3 * radius);

        const std::vector<std::int64_t> pool = classPool(in_, 4);
        const float* x = in_.embedding.data<float>();
        const KCenterResult lazy = kCenterGreedy(x, kDim, pool, 15, 9, 0, CancelToken());
        std::vector<double> nearest(pool.size(), std::numeric_limits<double>::infinity());
        std::vector<std::int64_t> plain{lazy.picks.front()};
        while (plain.size() < 15) {
            std::size_t best = 0;
            for (std::size_t p = 0; p < pool.size(); ++p) {
                nearest[p] = std::min(nearest[p], distance(x + pool[p] * kDim,
                                                           x + pool[static_cast<std::size_t>(plain.back())] * kDim, kDim));
                if (nearest[p] > nearest[best])
                    best = p;
            }
            plain.push_back(static_cast<std::int64_t>(best));
        }
        QCOMPARE(lazy.picks, plain);
    }

    // Herding's running mean approaches the class mean: after the budget it is nearer than
    // a random subset's mean, and nearer than DeepCore's arg-max rule takes it.
    void herdingMeanApproachesClassMean()
    {
        const float* x = in_.embedding.data<float>();
        for (const int c : {0, 5, 9}) {
            const std::vector<std::int64_t> pool = classPool(in_, c);
            std::vector<float> mu(kDim, 0.0f);
            for (const std::int64_t i : pool)
                for (std::int64_t j = 0; j < kDim; ++j)
                    mu[static_cast<std::size_t>(j)] += x[i * kDim + j] / static_cast<float>(pool.size());
            auto gap = [&](const std::vector<std::int64_t>& rows) {
                std::vector<float> m(kDim, 0.0f);
                for (const std::int64_t i : rows)
                    for (std::int64_t j = 0; j < kDim; ++j)
                        m[static_cast<std::size_t>(j)] += x[i * kDim + j] / static_cast<float>(rows.size());
                return distance(m.data(), mu.data(), kDim);
            };
            auto rowsOf = [&](const std::vector<std::int64_t>& positions, std::size_t k) {
                std::vector<std::int64_t> rows;
                for (std::size_t t = 0; t < k; ++t)
                    rows.push_back(pool[static_cast<std::size_t>(positions[t])]);
                return rows;
            };
            const auto paper = herding(x, kDim, pool, 12, HerdingRule::Paper, CancelToken());
            const auto argMax = herding(x, kDim, pool, 12, HerdingRule::DeepCoreArgMax, CancelToken());
            // The pruned scan picks what the plain rule, in double over every sample, picks.
            for (const bool nearest : {true, false}) {
                std::vector<double> sum(kDim, 0.0);
                std::vector<char> used(pool.size(), 0);
                std::vector<std::int64_t> plain;
                for (int k = 0; k < 12; ++k) {
                    std::int64_t best = -1;
                    double bestValue = 0;
                    for (std::size_t p = 0; p < pool.size(); ++p) {
                        if (used[p])
                            continue;
                        double v = 0;
                        for (std::int64_t j = 0; j < kDim; ++j) {
                            const double t = (k + 1) * static_cast<double>(mu[static_cast<std::size_t>(j)]) -
                                             sum[static_cast<std::size_t>(j)] - x[pool[p] * kDim + j];
                            v += t * t;
                        }
                        if (best < 0 || (nearest ? v < bestValue : v > bestValue)) {
                            best = static_cast<std::int64_t>(p);
                            bestValue = v;
                        }
                    }
                    used[static_cast<std::size_t>(best)] = 1;
                    plain.push_back(best);
                    for (std::int64_t j = 0; j < kDim; ++j)
                        sum[static_cast<std::size_t>(j)] += x[pool[static_cast<std::size_t>(best)] * kDim + j];
                }
                QCOMPARE(nearest ? paper : argMax, plain);
            }
            QVERIFY(gap(rowsOf(paper, 12)) < gap(rowsOf(paper, 1)));
            QVERIFY(gap(rowsOf(paper, 12)) < gap(rowsOf(argMax, 12)));
            for (std::uint64_t seed = 0; seed < 3; ++seed) {
                std::vector<std::int64_t> random;
                for (const std::int64_t i : select(SelectionMethod::Random, 0.1, seed).indices)
                    if (in_.labels[static_cast<std::size_t>(i)] == c)
                        random.push_back(i);
                QVERIFY(gap(rowsOf(paper, random.size())) < gap(random));
            }
        }
    }

    // Herding and k-center prune with bounds from the pool's projection (PoolProjection);
    // the picks must be the plain forms' above, bit for bit, whether the bounds are loose
    // (few directions on 784-dimensional pixels) or exact (more directions than samples),
    // and with exact ties (every sample twice in the pool: the lower position wins).
    void projectionBoundsKeepThePlainPicks()
    {
        const float* x = in_.embedding.data<float>();
        for (const int c : {2, 6}) {
            const std::vector<std::int64_t> pool = classPool(in_, c);
            const std::vector<std::int64_t> twice = [&] {
                std::vector<std::int64_t> t = pool;
                t.insert(t.end(), pool.begin(), pool.end());
                return t;
            }();
            for (const std::vector<std::int64_t>* p : {&pool, &twice}) {
                const auto budget = static_cast<std::int64_t>(p->size() / 3);
                const std::vector<std::int64_t> nearest = plainHerding(x, *p, budget, true),
                                                farthest = plainHerding(x, *p, budget, false);
                for (const std::int64_t directions :
                     {std::int64_t{0}, std::int64_t{3}, std::int64_t{16}, kProjectionDirections}) {
                    QCOMPARE(herding(x, kDim, *p, budget, HerdingRule::Paper, CancelToken(), directions), nearest);
                    QCOMPARE(herding(x, kDim, *p, budget, HerdingRule::DeepCoreArgMax, CancelToken(), directions), farthest);
                    const KCenterResult k = kCenterGreedy(x, kDim, *p, budget, 5, 1, CancelToken(), directions);
                    const KCenterResult plain = plainKCenter(x, *p, budget, k.picks.front());
                    QCOMPARE(k.picks, plain.picks);
                    QCOMPARE(k.coveringRadius, plain.coveringRadius);
                }
                // A second occurrence is never picked before its first (k-center's random
                // first pick aside).
                const auto n = static_cast<std::int64_t>(pool.size());
                const KCenterResult k = kCenterGreedy(x, kDim, *p, budget, 5, 1, CancelToken());
                for (const std::vector<std::int64_t>* picks : {&nearest, &farthest, &k.picks})
                    for (std::size_t i = picks == &k.picks ? 1 : 0; i < picks->size(); ++i)
                        if ((*picks)[i] >= n)
                            QVERIFY(std::find(picks->begin(), picks->begin() + static_cast<std::ptrdiff_t>(i),
                                              (*picks)[i] - n) != picks->begin() + static_cast<std::ptrdiff_t>(i));
            }
        }
    }

    // Moderate keeps the samples nearest the median distance to their class centre: every
    // kept one is at least as near the median as every one left out.
    void moderatePicksAroundTheMedian()
    {
        const SelectionResult r = select(SelectionMethod::Moderate, 0.2);
        const std::set<std::int64_t> kept(r.indices.begin(), r.indices.end());
        const float* x = in_.embedding.data<float>();
        for (const int c : {1, 7}) {
            const std::vector<std::int64_t> pool = classPool(in_, c);
            std::vector<double> centre(kDim, 0.0);
            for (const std::int64_t i : pool)
                for (std::int64_t j = 0; j < kDim; ++j)
                    centre[static_cast<std::size_t>(j)] += x[i * kDim + j] / static_cast<double>(pool.size());
            std::vector<double> d;
            for (const std::int64_t i : pool) {
                double s = 0;
                for (std::int64_t j = 0; j < kDim; ++j)
                    s += (x[i * kDim + j] - centre[static_cast<std::size_t>(j)]) *
                         (x[i * kDim + j] - centre[static_cast<std::size_t>(j)]);
                d.push_back(std::sqrt(s));
            }
            std::vector<double> sorted = d;
            std::sort(sorted.begin(), sorted.end());
            const std::size_t h = sorted.size() / 2;
            const double median = sorted.size() % 2 ? sorted[h] : 0.5 * (sorted[h - 1] + sorted[h]);
            double keptWorst = 0, leftBest = std::numeric_limits<double>::infinity();
            for (std::size_t k = 0; k < pool.size(); ++k)
                (kept.count(pool[k]) ? keptWorst : leftBest) = kept.count(pool[k])
                                                                   ? std::max(keptWorst, std::abs(d[k] - median))
                                                                   : std::min(leftBest, std::abs(d[k] - median));
            QVERIFY2(keptWorst <= leftBest + 1e-9,
                     qPrintable(QString::number(keptWorst) + " > " + QString::number(leftBest)));
        }
    }

    // Scores against hand-computed values: logits (0, ln 3) with label 0 give p = (1/4, 3/4).
    void logitScoresByHand()
    {
        const float logits[] = {0.0f, std::log(3.0f), 2.0f, 2.0f};
        const float embedding[] = {3.0f, 4.0f, 0.0f, 0.0f}; // |e|^2 = 25, then 0
        const std::vector<int> labels{0, 1};
        auto score = [&](ScoreKind k, int row) {
            return logitScores(k, logits, 2, 2, labels, embedding, 2, "logits.npy")[static_cast<std::size_t>(row)];
        };
        QVERIFY(std::abs(score(ScoreKind::El2n, 0) - std::sqrt(2 * 0.75 * 0.75)) < 1e-6);
        QVERIFY(std::abs(score(ScoreKind::Grand, 0) - std::sqrt(2 * 0.75 * 0.75) * std::sqrt(26.0)) < 1e-5);
        QVERIFY(std::abs(score(ScoreKind::El2n, 1) - std::sqrt(0.5)) < 1e-6);
        QVERIFY(std::abs(score(ScoreKind::LeastConfidence, 0) - 0.25) < 1e-6);
        QVERIFY(std::abs(score(ScoreKind::Margin, 0) - 0.5) < 1e-6);
        QVERIFY(std::abs(score(ScoreKind::Margin, 1) - 1.0) < 1e-6);
        QVERIFY(std::abs(score(ScoreKind::Entropy, 1) - std::log(2.0)) < 1e-6);
        QVERIFY(std::abs(score(ScoreKind::Entropy, 0) - (-(0.25 * std::log(0.25) + 0.75 * std::log(0.75)))) < 1e-6);
    }

    // Forgetting on a hand-computed sequence: sample 0 is learned, forgotten, learned,
    // forgotten (2 events); sample 1 is forgotten once, then stays; sample 2 is never
    // learned (forgotten most: presentations + 1); sample 3 is always right (0).
    void forgettingCountsByHand()
    {
        TrainingDynamics d(4);
        const bool seq[4][4] = {{true, false, true, false},
                                {true, false, false, true},
                                {false, false, false, false},
                                {true, true, true, true}};
        const float margin[4] = {1.0f, -2.0f, 0.5f, 3.0f};
        for (int t = 0; t < 4; ++t)
            for (int i = 0; i < 4; ++i)
                d.record(i, seq[i][t], margin[t] + static_cast<float>(i));
        QCOMPARE(d.forgettingScores(), (std::vector<float>{2.0f, 1.0f, 5.0f, 0.0f}));
        QCOMPARE(d.areaUnderMargin(), (std::vector<float>{0.625f, 1.625f, 2.625f, 3.625f}));
        const TrainingDynamics back = TrainingDynamics::unpack(d.pack(), 4, "dynamics.npy");
        QCOMPARE(back.forgettingScores(), d.forgettingScores());
        QCOMPARE(back.areaUnderMargin(), d.areaUnderMargin());
        DQ_EXPECT_ERROR(TrainingDynamics::unpack({1.0f, 2.0f}, 4, "dynamics.npy"), "dynamics.npy", "3 per sample");
    }

    // Forgetting keeps the most forgotten, AUM the lowest margins, of every class.
    void dynamicsKeepTheHardest()
    {
        for (const auto m : {SelectionMethod::Forgetting, SelectionMethod::Aum}) {
            const SelectionResult r = select(m, 0.1);
            const std::set<std::int64_t> kept(r.indices.begin(), r.indices.end());
            const std::vector<float>& v = m == SelectionMethod::Forgetting ? in_.forgetting : in_.aum;
            const double sign = m == SelectionMethod::Forgetting ? 1.0 : -1.0;
            for (const int c : {3, 8}) {
                double keptMin = 1e9, leftMax = -1e9;
                for (const std::int64_t i : classPool(in_, c)) {
                    const double s = sign * v[static_cast<std::size_t>(i)];
                    (kept.count(i) ? keptMin : leftMax) = kept.count(i) ? std::min(keptMin, s) : std::max(leftMax, s);
                }
                QVERIFY(keptMin >= leftMax);
            }
        }
        DQ_EXPECT_ERROR(selectCoreset(
                            loadSelectionInputs(noLogits_),
                            [] {
                                SelectionParams p;
                                p.method = SelectionMethod::Forgetting;
                                return p;
                            }(),
                            Progress::none(), CancelToken()),
                        "features: ", "forgetting.npy", "1 epoch or more");
    }

    // EL2N keeps the largest scores of every class.
    void el2nKeepsTheHardest()
    {
        const SelectionResult r = select(SelectionMethod::El2n, 0.1);
        const std::vector<double> s =
            logitScores(ScoreKind::El2n, in_.logits.data<float>(), kRows, kClasses, in_.labels, nullptr, 0, "logits.npy");
        const std::set<std::int64_t> kept(r.indices.begin(), r.indices.end());
        for (const int c : {2, 6}) {
            double keptMin = 1e9, leftMax = -1;
            for (const std::int64_t i : classPool(in_, c))
                (kept.count(i) ? keptMin : leftMax) = kept.count(i) ? std::min(keptMin, s[static_cast<std::size_t>(i)])
                                                                    : std::max(leftMax, s[static_cast<std::size_t>(i)]);
            QVERIFY(keptMin >= leftMax);
        }
        QVERIFY(r.score.selectedMean > r.score.mean);
    }

    // CCS keeps no sample of the pruned hard fraction and spreads over the score range:
    // it also keeps easy samples, which "keep the hardest" never does.
    void ccsSkipsThePrunedHardFraction()
    {
        SelectionParams p;
        p.method = SelectionMethod::Ccs;
        p.score = ScoreKind::El2n;
        p.ratio = 0.2;
        p.ccsHardFraction = 0.3;
        p.ccsStrata = 10;
        const SelectionResult r = selectCoreset(in_, p, Progress::none(), CancelToken());
        const std::vector<double> s =
            logitScores(ScoreKind::El2n, in_.logits.data<float>(), kRows, kClasses, in_.labels, nullptr, 0, "logits.npy");
        const std::set<std::int64_t> kept(r.indices.begin(), r.indices.end());
        for (int c = 0; c < kClasses; ++c) {
            std::vector<std::int64_t> pool = classPool(in_, c);
            std::stable_sort(pool.begin(), pool.end(), [&](std::int64_t a, std::int64_t b) {
                return s[static_cast<std::size_t>(a)] > s[static_cast<std::size_t>(b)];
            });
            const auto pruned = static_cast<std::size_t>(std::floor(0.3 * static_cast<double>(pool.size())));
            for (std::size_t k = 0; k < pruned; ++k)
                QVERIFY(!kept.count(pool[k]));
            // The easiest of the ten equal-width strata of the remaining range is drawn from.
            const double lo = s[static_cast<std::size_t>(pool.back())], hi = s[static_cast<std::size_t>(pool[pruned])];
            double keptMin = INFINITY;
            for (const std::int64_t i : pool)
                if (kept.count(i))
                    keptMin = std::min(keptMin, s[static_cast<std::size_t>(i)]);
            QVERIFY(keptMin <= lo + (hi - lo) / 10);
        }
        p.seed = 5;
        QVERIFY(selectCoreset(in_, p, Progress::none(), CancelToken()).indices != r.indices);
    }

    // --budget-bins: per-class budgets are what dq sample keeps from those bins.
    void budgetsFromBins()
    {
        BinResult bins;
        bins.bins.resize(3);
        for (std::int64_t i = 0; i < kRows; ++i)
            bins.bins[static_cast<std::size_t>(i % 3)].push_back(i);
        bins.stats.resize(3);
        for (std::size_t b = 0; b < 3; ++b)
            bins.stats[b].count = static_cast<std::int64_t>(bins.bins[b].size());
        BinsInputInfo info;
        info.rows = kRows;
        info.dim = kDim;
        writeBinsFolder(path("bins"), "test", bins, BinParams{}, info, in_.labels);
        SelectionParams p;
        p.method = SelectionMethod::Herding;
        p.ratio = 0.125;
        p.budgetBins = path("bins");
        const SelectionResult r = selectCoreset(in_, p, Progress::none(), CancelToken());
        const SampleResult dq = sampleBins(bins.bins, in_.labels, kRows, 0.125, 0);
        std::vector<std::int64_t> want(kClasses, 0);
        for (const std::int64_t i : dq.indices)
            ++want[static_cast<std::size_t>(in_.labels[static_cast<std::size_t>(i)])];
        QCOMPARE(r.classCounts, want);
    }

    void badInput()
    {
        DQ_EXPECT_FIELD_ERROR(select(SelectionMethod::Random, 0.0), "ratio", "(0, 1]");
        DQ_EXPECT_FIELD_ERROR(select(SelectionMethod::KCenter, 1.5), "ratio", "got 1.5");
        SelectionParams p;
        p.method = SelectionMethod::El2n;
        const SelectionInputs pixels = loadSelectionInputs(noLogits_);
        DQ_EXPECT_FIELD_ERROR(selectCoreset(pixels, p, Progress::none(), CancelToken()), "features", "logits.npy",
                              "with a network", "1 epoch or more");
        p.method = SelectionMethod::Uncertainty;
        DQ_EXPECT_FIELD_ERROR(selectCoreset(loadSelectionInputs(untrained_), p, Progress::none(), CancelToken()), "features",
                              "epochs 0", "1 epoch or more");
        p.method = SelectionMethod::Ccs;
        p.ratio = 0.9;
        p.ccsHardFraction = 0.2;
        DQ_EXPECT_FIELD_ERROR(selectCoreset(in_, p, Progress::none(), CancelToken()), "ccs-hard-fraction", "pruning");
        SelectionInputs nan = loadSelectionInputs(features_);
        nan.logits.data<float>()[5 * kClasses + 2] = std::numeric_limits<float>::quiet_NaN();
        p.method = SelectionMethod::El2n;
        p.ratio = 0.1;
        DQ_EXPECT_ERROR(selectCoreset(nan, p, Progress::none(), CancelToken()), "logits.npy", "row 5", "NaN");
        DQ_EXPECT_FIELD_ERROR(parseSelectionMethod("coreset"), "method", "kcenter");
        DQ_EXPECT_FIELD_ERROR(parseScoreKind("loss"), "score", "forgetting");
        // Bins of other data: the budgets would not fit these samples.
        BinResult other;
        other.bins = {{0, 1, 2}};
        other.stats.resize(1);
        other.stats[0].count = 3;
        BinsInputInfo three;
        three.rows = 3;
        writeBinsFolder(path("other-bins"), "other", other, BinParams{}, three, {0, 0, 1});
        p.method = SelectionMethod::Random;
        p.budgetBins = path("other-bins");
        DQ_EXPECT_ERROR(selectCoreset(in_, p, Progress::none(), CancelToken()), "other-bins", "3 samples");
    }

    void cancelStopsTheSelection()
    {
        CancelToken cancel;
        cancel.cancel();
        SelectionParams p;
        p.method = SelectionMethod::Herding;
        QVERIFY_THROWS_EXCEPTION(Cancelled, selectCoreset(in_, p, Progress::none(), cancel));
    }
};

QTEST_GUILESS_MAIN(SelectionTest)
#include "tst_Selection.moc"
