// core/analysis: the 2-D PCA picture behind DQ Studio's embedding scatter, checked
// against an exact PCA (Jacobi eigen-decomposition of the covariance, in double).
#include "TestSupport.h"

#include "analysis/PcaProjection.h"
#include "common/Progress.h"
#include "io/Npy.h"

#include <QtTest>

#include <cmath>
#include <random>

namespace {

// Rows with variance 9 along u, 4 along v and 0.01 elsewhere, shifted by a mean.
dq::NpyArray planted(int n, int d, std::uint32_t seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> g(0.0, 1.0);
    std::vector<double> u(d), v(d);
    for (int k = 0; k < d; ++k) {
        u[k] = g(rng);
        v[k] = g(rng);
    }
    const auto normalise = [](std::vector<double>& x) {
        double s = 0;
        for (double e : x)
            s += e * e;
        for (double& e : x)
            e /= std::sqrt(s);
    };
    normalise(u);
    double dot = 0;
    for (int k = 0; k < d; ++k)
        dot += u[k] * v[k];
    for (int k = 0; k < d; ++k)
        v[k] -= dot * u[k];
    normalise(v);
    std::vector<float> x(static_cast<std::size_t>(n) * d);
    for (int i = 0; i < n; ++i) {
        const double a = 3 * g(rng), b = 2 * g(rng);
        for (int k = 0; k < d; ++k)
            x[static_cast<std::size_t>(i) * d + k] = static_cast<float>(5.0 + a * u[k] + b * v[k] + 0.1 * g(rng));
    }
    return dq::NpyArray::fromVector(x, {n, d});
}

// Exact top-2 principal axes by cyclic Jacobi on the covariance; signs as the core's.
std::vector<std::vector<double>> exactAxes(const dq::NpyArray& a, int n)
{
    const int d = static_cast<int>(a.shape[1]);
    const float* x = a.data<float>();
    std::vector<double> mu(d, 0.0), c(static_cast<std::size_t>(d) * d, 0.0), e(static_cast<std::size_t>(d) * d, 0.0);
    for (int i = 0; i < n; ++i)
        for (int k = 0; k < d; ++k)
            mu[k] += x[i * d + k] / n;
    for (int i = 0; i < n; ++i)
        for (int p = 0; p < d; ++p)
            for (int q = 0; q < d; ++q)
                c[p * d + q] += (x[i * d + p] - mu[p]) * (x[i * d + q] - mu[q]);
    for (int k = 0; k < d; ++k)
        e[k * d + k] = 1;
    for (int sweep = 0; sweep < 50; ++sweep)
        for (int p = 0; p < d; ++p)
            for (int q = p + 1; q < d; ++q) {
                if (std::abs(c[p * d + q]) < 1e-12)
                    continue;
                const double th = 0.5 * std::atan2(2 * c[p * d + q], c[q * d + q] - c[p * d + p]);
                const double cs = std::cos(th), sn = std::sin(th);
                for (int k = 0; k < d; ++k) { // rotate columns p, q
                    const double kp = c[k * d + p], kq = c[k * d + q];
                    c[k * d + p] = cs * kp - sn * kq;
                    c[k * d + q] = sn * kp + cs * kq;
                }
                for (int k = 0; k < d; ++k) { // and rows
                    const double pk = c[p * d + k], qk = c[q * d + k];
                    c[p * d + k] = cs * pk - sn * qk;
                    c[q * d + k] = sn * pk + cs * qk;
                }
                for (int k = 0; k < d; ++k) {
                    const double kp = e[k * d + p], kq = e[k * d + q];
                    e[k * d + p] = cs * kp - sn * kq;
                    e[k * d + q] = sn * kp + cs * kq;
                }
            }
    std::vector<int> order(d);
    for (int k = 0; k < d; ++k)
        order[k] = k;
    std::sort(order.begin(), order.end(), [&](int a1, int b1) { return c[a1 * d + a1] > c[b1 * d + b1]; });
    std::vector<std::vector<double>> axes;
    for (int j = 0; j < 2; ++j) {
        std::vector<double> v(d);
        int peak = 0;
        for (int k = 0; k < d; ++k) {
            v[k] = e[k * d + order[j]];
            if (std::abs(v[k]) > std::abs(v[peak]))
                peak = k;
        }
        if (v[peak] < 0)
            for (double& t : v)
                t = -t;
        axes.push_back(v);
    }
    axes.push_back(mu);
    return axes;
}

} // namespace

class PcaProjectionTest : public QObject {
    Q_OBJECT

private slots:
    void matchesAnExactPca()
    {
        const int n = 600, d = 24;
        const dq::NpyArray a = planted(n, d, 11);
        dq::CancelToken cancel;
        const dq::Projection p = dq::pcaProjection(a, dq::Progress::none(), cancel);
        QCOMPARE(p.rows, std::int64_t(n));
        const auto axes = exactAxes(a, n);
        const float* x = a.data<float>();
        double worst = 0;
        for (int i = 0; i < n; ++i) {
            double c0 = 0, c1 = 0;
            for (int k = 0; k < d; ++k) {
                c0 += (x[i * d + k] - axes[2][k]) * axes[0][k];
                c1 += (x[i * d + k] - axes[2][k]) * axes[1][k];
            }
            worst = std::max({worst, std::abs(c0 - p.x[i]), std::abs(c1 - p.y[i])});
        }
        QVERIFY2(worst < 1e-3, qPrintable(QString::number(worst)));
        // 9 and 4 of a total of about 9 + 4 + 24 * 0.01.
        QVERIFY2(std::abs(p.explained[0] - 9.0 / 13.24) < 0.05, qPrintable(QString::number(p.explained[0])));
        QVERIFY2(std::abs(p.explained[1] - 4.0 / 13.24) < 0.05, qPrintable(QString::number(p.explained[1])));
    }

    void sameRowsSamePicture()
    {
        const dq::NpyArray a = planted(300, 16, 5);
        dq::CancelToken cancel;
        const dq::Projection p1 = dq::pcaProjection(a, dq::Progress::none(), cancel);
        const dq::Projection p2 = dq::pcaProjection(a, dq::Progress::none(), cancel);
        QCOMPARE(p1.x, p2.x);
        QCOMPARE(p1.y, p2.y);
        // float64 input gives the same picture (to float precision).
        const std::vector<double> wide = a.toVector<double>();
        const dq::Projection p3 = dq::pcaProjection(dq::NpyArray::fromVector(wide, a.shape), dq::Progress::none(), cancel);
        for (std::size_t i = 0; i < p1.x.size(); ++i)
            QVERIFY(std::abs(p1.x[i] - p3.x[i]) < 1e-3);
    }

    void firstRowsOnly()
    {
        const dq::NpyArray a = planted(400, 8, 9);
        dq::CancelToken cancel;
        const dq::Projection p = dq::pcaProjection(a, dq::Progress::none(), cancel, 100);
        QCOMPARE(p.rows, std::int64_t(100));
        QCOMPARE(p.x.size(), std::size_t(100));
    }

    void badInputAndCancel()
    {
        dq::CancelToken cancel;
        DQ_EXPECT_ERROR(dq::pcaProjection(dq::NpyArray::fromVector(std::vector<float>{1, 2, 3}), dq::Progress::none(),
                                          cancel),
                        "projection", "N x D");
        DQ_EXPECT_ERROR(dq::pcaProjection(dq::NpyArray::fromVector(std::vector<std::int64_t>{1, 2, 3, 4}, {2, 2}),
                                          dq::Progress::none(), cancel),
                        "float32 or float64", "int64");
        cancel.cancel();
        QVERIFY_THROWS_EXCEPTION(dq::Cancelled, dq::pcaProjection(planted(50, 4, 1), dq::Progress::none(), cancel));
        // One row: nothing to project, all zeros.
        dq::CancelToken fresh;
        const dq::Projection one = dq::pcaProjection(planted(1, 4, 1), dq::Progress::none(), fresh);
        QCOMPARE(one.x, std::vector<float>{0.f});
    }
};

QTEST_APPLESS_MAIN(PcaProjectionTest)
#include "tst_PcaProjection.moc"
