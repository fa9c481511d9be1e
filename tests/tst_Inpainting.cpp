// inpaintDropped: kept pixels untouched, smooth images restored closely, and Fashion-MNIST
// images restored better than by leaving the dropped patches black.
#include "pixel/internal/Inpainting.h"

#include "common/Error.h"
#include "datasets/DatasetSpec.h"
#include "pixel/internal/ImageQuality.h"
#include "pixel/PatchGrid.h"
#include "TestSupport.h"

#include <QtTest>

#include <random>

using namespace dq;

Q_DECLARE_METATYPE(dq::InpaintMethod)

namespace {

std::vector<int> randomKept(std::mt19937& rng, int patches, int keep)
{
    std::vector<float> scores(static_cast<std::size_t>(patches));
    std::uniform_real_distribution<float> u(0.f, 1.f);
    for (float& s : scores)
        s = u(rng);
    return keepHighestScores(scores.data(), patches, keep);
}

Image zeroDropped(const Image& img, const std::vector<std::uint8_t>& mask)
{
    Image out = img;
    for (std::size_t p = 0; p < mask.size(); ++p)
        if (!mask[p])
            for (int c = 0; c < img.channels; ++c)
                out.pixels[p * img.channels + c] = 0;
    return out;
}

// A smooth colour (or grey) gradient with a gentle curve.
Image gradient(int h, int w, int channels)
{
    Image img{h, w, channels, {}};
    img.pixels.resize(static_cast<std::size_t>(h) * w * channels);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < channels; ++c) {
                const double v = 40 + 2.0 * x + 1.2 * y + 25 * std::sin((x + 2 * y + 30 * c) / 20.0);
                img.pixels[(static_cast<std::size_t>(y) * w + x) * channels + c] = static_cast<std::uint8_t>(std::lround(v));
            }
    return img;
}

void checkKeptUnchanged(const Image& in, const Image& out, const std::vector<std::uint8_t>& mask)
{
    QCOMPARE(out.height, in.height);
    QCOMPARE(out.width, in.width);
    QCOMPARE(out.channels, in.channels);
    QCOMPARE(out.pixels.size(), in.pixels.size());
    for (std::size_t p = 0; p < mask.size(); ++p)
        if (mask[p])
            for (int c = 0; c < in.channels; ++c)
                QCOMPARE(out.pixels[p * in.channels + c], in.pixels[p * in.channels + c]);
}

} // namespace

class TestInpainting : public QObject {
    Q_OBJECT

    DatasetBundle fmnist_;

    static void methods()
    {
        QTest::addColumn<InpaintMethod>("method");
        QTest::newRow("telea") << InpaintMethod::Telea;
        QTest::newRow("ns") << InpaintMethod::NavierStokes;
    }

private slots:
    void initTestCase() { fmnist_ = openDataset("fashion-mnist:" + dqtest::fashionMnistDir().string()); }

    void parse()
    {
        QCOMPARE(parseInpaintMethod("telea"), InpaintMethod::Telea);
        QCOMPARE(parseInpaintMethod("ns"), InpaintMethod::NavierStokes);
        QCOMPARE(inpaintMethodName(InpaintMethod::NavierStokes), std::string("ns"));
        try {
            parseInpaintMethod("Telea");
            QFAIL("no error");
        } catch (const UsageError& e) {
            QVERIFY(QString(e.what()).contains("'Telea'"));
            QVERIFY(QString(e.what()).contains("telea or ns"));
        }
    }

    void smoothGradient_data()
    {
        QTest::addColumn<InpaintMethod>("method");
        QTest::addColumn<int>("channels");
        QTest::newRow("telea rgb") << InpaintMethod::Telea << 3;
        QTest::newRow("ns rgb") << InpaintMethod::NavierStokes << 3;
        QTest::newRow("telea grey") << InpaintMethod::Telea << 1;
        QTest::newRow("ns grey") << InpaintMethod::NavierStokes << 1;
        QTest::newRow("telea rgba") << InpaintMethod::Telea << 4;
    }

    void smoothGradient()
    {
        QFETCH(InpaintMethod, method);
        QFETCH(int, channels);
        const Image img = gradient(64, 64, channels);
        const PatchGrid grid{8, 8, 8};
        std::mt19937 rng(1);
        const std::vector<std::uint8_t> mask = keptPixelMask(grid, 64, 64, randomKept(rng, 64, 32)); // half dropped
        const Image out = inpaintDropped(img, mask, method);
        checkKeptUnchanged(img, out, mask);
        const double filled = psnr(img, out);
        const double zeros = psnr(img, zeroDropped(img, mask));
        qInfo("PSNR %.2f dB inpainted, %.2f dB with zeros", filled, zeros);
        QVERIFY2(filled > 30, qPrintable(QString::number(filled)));
        QVERIFY(filled > zeros + 15);
    }

    void fashionMnistBetterThanZeros_data() { methods(); }

    void fashionMnistBetterThanZeros()
    {
        QFETCH(InpaintMethod, method);
        const PatchGrid grid{7, 7, 4};
        std::mt19937 rng(2);
        QualityTotals filled, zeros;
        int better = 0;
        const int n = 100;
        for (int j = 0; j < n; ++j) {
            const Image img = fmnist_.train->image(j * 599);
            const std::vector<std::uint8_t> mask = keptPixelMask(grid, 28, 28, randomKept(rng, 49, keptPatchCount(49, 0.5)));
            const Image out = inpaintDropped(img, mask, method, 3);
            checkKeptUnchanged(img, out, mask);
            const Image black = zeroDropped(img, mask);
            filled.add(img, out);
            zeros.add(img, black);
            better += psnr(img, out) >= psnr(img, black);
        }
        qInfo("mean PSNR %.2f dB / SSIM %.3f inpainted, %.2f dB / %.3f with zeros; inpainting better on %d of %d",
              filled.meanPsnr(), filled.meanSsim(), zeros.meanPsnr(), zeros.meanSsim(), better, n);
        QVERIFY(filled.meanPsnr() > zeros.meanPsnr() + 2);
        QVERIFY(filled.meanSsim() > zeros.meanSsim());
        QVERIFY(better >= n * 9 / 10);
    }

    void edgeCases()
    {
        const Image img = gradient(16, 16, 3);
        const std::vector<std::uint8_t> all(256, 1), none(256, 0);
        QCOMPARE(inpaintDropped(img, all, InpaintMethod::Telea).pixels, img.pixels);
        const Image black = inpaintDropped(img, none, InpaintMethod::NavierStokes);
        QCOMPARE(black.pixels, std::vector<std::uint8_t>(img.pixels.size(), 0));
        DQ_EXPECT_ERROR(inpaintDropped(img, std::vector<std::uint8_t>(255, 1), InpaintMethod::Telea), "inpainting",
                        "mask of 255 pixels", "16 x 16");
        DQ_EXPECT_ERROR(inpaintDropped(img, all, InpaintMethod::Telea, 0), "inpainting", "radius");
        DQ_EXPECT_ERROR(inpaintDropped(Image{}, {}, InpaintMethod::Telea), "inpainting", "invalid image");
    }
};

QTEST_GUILESS_MAIN(TestInpainting)
#include "tst_Inpainting.moc"
