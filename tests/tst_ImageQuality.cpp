// PSNR and SSIM against values numpy computed (tests/fixtures/quality, made by
// make_quality_fixtures.py, whose SSIM re-implements skimage's with gaussian_weights=True).
#include "pixel/internal/ImageQuality.h"

#include "common/Error.h"
#include "io/Npy.h"
#include "TestSupport.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>
#include <limits>

namespace fs = std::filesystem;

namespace {

fs::path qualityDir() { return dqtest::fixturesDir() / "quality"; }

dq::Image loadImage(const std::string& name)
{
    const dq::NpyArray a = dq::readNpy(qualityDir() / name);
    if (a.dtype != dq::DType::UInt8 || a.shape.size() != 3)
        throw dq::Error(name, "expected an H x W x C uint8 array");
    dq::Image img;
    img.height = static_cast<int>(a.shape[0]);
    img.width = static_cast<int>(a.shape[1]);
    img.channels = static_cast<int>(a.shape[2]);
    img.pixels = a.bytes;
    return img;
}

dq::Image constant(int h, int w, int c, std::uint8_t v)
{
    dq::Image img{h, w, c, {}};
    img.pixels.assign(static_cast<std::size_t>(h) * w * c, v);
    return img;
}

} // namespace

class TestImageQuality : public QObject {
    Q_OBJECT

private slots:
    void againstNumpy_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<double>("psnr");
        QTest::addColumn<double>("ssim");
        QFile f(QString::fromStdString((qualityDir() / "expected.json").string()));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject all = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(all.size(), 5);
        for (auto it = all.begin(); it != all.end(); ++it) {
            const QJsonObject v = it.value().toObject();
            const double p = v["psnr"].isString() ? std::numeric_limits<double>::infinity() : v["psnr"].toDouble();
            QTest::newRow(qPrintable(it.key())) << it.key() << p << v["ssim"].toDouble();
        }
    }

    void againstNumpy()
    {
        QFETCH(QString, name);
        QFETCH(double, psnr);
        QFETCH(double, ssim);
        const dq::Image a = loadImage(name.toStdString() + "_a.npy");
        const dq::Image b = loadImage(name.toStdString() + "_b.npy");
        const double p = dq::psnr(a, b);
        if (std::isinf(psnr)) {
            QVERIFY(std::isinf(p) && p > 0);
        } else {
            QVERIFY2(std::abs(p - psnr) < 1e-9,
                     qPrintable(QString("psnr %1 vs numpy %2").arg(p, 0, 'g', 17).arg(psnr, 0, 'g', 17)));
        }
        const double s = dq::ssim(a, b);
        QVERIFY2(std::abs(s - ssim) < 1e-9,
                 qPrintable(QString("ssim %1 vs numpy %2").arg(s, 0, 'g', 17).arg(ssim, 0, 'g', 17)));
        // Both are symmetric.
        QCOMPARE(dq::psnr(b, a), p);
        QVERIFY(std::abs(dq::ssim(b, a) - s) < 1e-12);
    }

    void knownValues()
    {
        // One grey level of error everywhere: MSE 1, PSNR 20 log10(255).
        const dq::Image a = constant(16, 16, 3, 100), b = constant(16, 16, 3, 101);
        QVERIFY(std::abs(dq::psnr(a, b) - 20 * std::log10(255.0)) < 1e-12);
        QCOMPARE(dq::ssim(a, a), 1.0);
        // Constant images: SSIM is the luminance term alone, (2xy + C1) / (x^2 + y^2 + C1).
        const double c1 = 2.55 * 2.55;
        QVERIFY(std::abs(dq::ssim(a, b) - (2 * 100.0 * 101 + c1) / (100.0 * 100 + 101.0 * 101 + c1)) < 1e-12);
    }

    void badInput()
    {
        const dq::Image a = constant(16, 16, 1, 0);
        DQ_EXPECT_ERROR(dq::psnr(a, constant(16, 15, 1, 0)), "psnr", "16 x 16 x 1", "16 x 15 x 1");
        DQ_EXPECT_ERROR(dq::ssim(a, constant(16, 16, 3, 0)), "ssim", "same", "16 x 16 x 3");
        DQ_EXPECT_ERROR(dq::ssim(constant(10, 16, 1, 0), constant(10, 16, 1, 0)), "ssim", "at least 11 x 11");
        DQ_EXPECT_ERROR(dq::psnr(dq::Image{}, dq::Image{}), "psnr", "non-empty");
    }

    void totals()
    {
        dq::QualityTotals t;
        QVERIFY(std::isnan(t.meanPsnr()));
        QVERIFY(std::isnan(t.meanSsim()));
        t.add(30.0, 0.9);
        t.add(std::numeric_limits<double>::infinity(), 1.0);
        t.add(20.0, 0.5);
        QCOMPARE(t.images, std::int64_t(3));
        QCOMPARE(t.identical, std::int64_t(1));
        QCOMPARE(t.meanPsnr(), 25.0);
        QVERIFY(std::abs(t.meanSsim() - 0.8) < 1e-12);

        dq::QualityTotals u;
        u.add(loadImage("grey_noise_a.npy"), loadImage("grey_noise_b.npy"));
        u.add(loadImage("identical_a.npy"), loadImage("identical_b.npy"));
        QCOMPARE(u.identical, std::int64_t(1));
        QVERIFY(std::abs(u.meanPsnr() - 26.78674739090117) < 1e-9);
        t.merge(u);
        QCOMPARE(t.images, std::int64_t(5));
        QCOMPARE(t.identical, std::int64_t(2));
        QVERIFY(std::abs(t.meanPsnr() - (50.0 + 26.78674739090117) / 3) < 1e-9);

        // Images under SSIM's 11 x 11 window have no SSIM: left out of the mean, no error.
        dq::QualityTotals small;
        QVERIFY(std::isnan(dq::ssimOrNan(constant(8, 8, 1, 3), constant(8, 8, 1, 5))));
        small.add(constant(8, 8, 1, 3), constant(8, 8, 1, 5));
        QVERIFY(std::isnan(small.meanSsim()));
        QVERIFY(std::isfinite(small.meanPsnr()));
        small.add(40.0, 0.7);
        QCOMPARE(small.images, std::int64_t(2));
        QCOMPARE(small.meanSsim(), 0.7);
    }
};

QTEST_GUILESS_MAIN(TestImageQuality)
#include "tst_ImageQuality.moc"
