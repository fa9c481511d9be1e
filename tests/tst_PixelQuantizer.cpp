// Pixel quantization end to end on real Fashion-MNIST images: CAM-ranked patches, the
// stored kept patches, the reconstructed ImageFolder export read back, restore, bad input
// and cancel.
#include "TestSupport.h"

#include "common/Progress.h"
#include "datasets/DatasetSpec.h"
#include "pixel/ImageCodec.h"
#include "pixel/internal/ImageQuality.h"
#include "pixel/PixelQuantizer.h"
#include "pixel/PixelSession.h"
#include "pixel/internal/QuantizedReader.h"
#include "common/JobContext.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

using namespace dq;

namespace {

// The pixel step and restore with a context of their own.
PixelResult quantize(const Dataset& data, const std::vector<std::int64_t>& indices, const PixelParams& p,
                     const std::filesystem::path& out, Progress& progress, const CancelToken& cancel)
{
    JobContext context(progress, cancel);
    return runPixelQuantization(data, indices, p, out, context);
}

RestoreResult restore(const std::filesystem::path& quantized, const PixelParams& p, const std::filesystem::path& out,
                      Progress& progress, const CancelToken& cancel)
{
    JobContext context(progress, cancel);
    return restoreQuantized(quantized, p, out, context);
}

} // namespace
namespace fs = std::filesystem;

class PixelQuantizerTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    fs::path dir_;
    DatasetBundle bundle_;
    std::vector<std::int64_t> indices_;

    PixelParams params(const std::string& recon = "inpaint:telea") const
    {
        PixelParams p;
        p.maskRatio = 0.25;
        p.recon = recon;
        p.camEpochs = 1;
        p.trainLimit = 400;
        p.device = "cpu";
        p.cacheDir = dir_ / "cache";
        p.datasetSpec = bundle_.spec;
        p.datasetName = bundle_.name;
        p.batchSize = 16;
        return p;
    }
    PixelResult run(const PixelParams& p, const std::string& out) const
    {
        return quantize(*bundle_.train, indices_, p, dir_ / out, Progress::none(), CancelToken());
    }
    static QJsonObject json(const fs::path& file)
    {
        std::ifstream in(file);
        const std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        return QJsonDocument::fromJson(QByteArray::fromStdString(s)).object();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        dir_ = tmp_.path().toStdString();
        bundle_ = openDataset("fashion-mnist:" + dqtest::fashionMnistDir().string());
        // Unsorted, as the reference's per-class index files are.
        for (std::int64_t i = 1990; i >= 10; i -= 45)
            indices_.push_back(i);
    }

    void gradCamInpaintWritesEverything()
    {
        const PixelResult r = run(params(), "a");
        const std::int64_t n = static_cast<std::int64_t>(indices_.size());
        QCOMPARE(r.images, n);
        QCOMPARE(r.grid.count(), 49); // 28 x 28 in 4-pixel patches
        QCOMPARE(r.keptPatches, 36); // int(49 * 0.75)
        QCOMPARE(r.finalKeepRatio, (static_cast<double>(n) / 60000.0) * (36.0 / 49.0));
        QVERIFY(r.storedBytes < r.originalBytes);
        QCOMPARE(r.originalBytes, static_cast<std::uint64_t>(n * 28 * 28));
        QVERIFY(std::isfinite(r.meanPsnr) && r.meanPsnr > 12.0);

        // The export reads back in index order with the kept pixels exact.
        const DatasetBundle back = openDataset("imagefolder:" + (dir_ / "a").string());
        QCOMPARE(back.train->size(), n);
        std::vector<std::int64_t> sorted = indices_;
        std::sort(sorted.begin(), sorted.end());
        const QuantizedReader q(dir_ / "a" / "quantized");
        QCOMPARE(q.count(), n);
        for (std::int64_t i = 0; i < n; ++i) {
            QCOMPARE(q.index(i), sorted[static_cast<std::size_t>(i)]);
            QCOMPARE(static_cast<int>(q.keptIds(i).size()), 36);
            const Image original = bundle_.train->image(sorted[static_cast<std::size_t>(i)]);
            const Image restored = back.train->image(i);
            const std::vector<std::uint8_t> mask = q.pixelMask(i);
            for (std::size_t px = 0; px < mask.size(); ++px)
                if (mask[px])
                    QCOMPARE(restored.pixels[px], original.pixels[px]);
        }
        const QJsonObject j = json(dir_ / "a" / "pixel.json");
        QCOMPARE(j["counts"].toObject()["kept_patches_per_image"].toInt(), 36);
        QCOMPARE(j["bytes"].toObject()["stored"].toInteger(), static_cast<qint64>(r.storedBytes));
        QCOMPARE(j["parameters"].toObject()["cam"].toString(), QString("gradcam++"));

        // The accounting equals the files: quantized/ as stored, each kept original as one
        // PNG / lossless WebP file, the whole split raw.
        std::int64_t stored = 0, png = 0, webp = 0;
        for (const auto& e : fs::recursive_directory_iterator(dir_ / "a" / "quantized"))
            stored += static_cast<std::int64_t>(e.file_size());
        for (const std::int64_t i : sorted) {
            const fs::path file = dir_ / "png" / (std::to_string(i) + ".png");
            dqtest::writeBytes(file, encodeImage(bundle_.train->image(i), ImageCodec::Png));
            png += static_cast<std::int64_t>(fs::file_size(file));
            webp += static_cast<std::int64_t>(encodeImage(bundle_.train->image(i), ImageCodec::WebpLossless).size());
        }
        QCOMPARE(static_cast<std::int64_t>(r.storedBytes), stored);
        QCOMPARE(static_cast<std::int64_t>(r.pngBytes), png);
        QCOMPARE(static_cast<std::int64_t>(r.webpLosslessBytes), webp);
        QCOMPARE(static_cast<std::int64_t>(r.bestLosslessBytes), std::min(png, webp));
        QCOMPARE(r.bestLosslessCodec, std::string(webp < png ? "webp-lossless" : "png"));
        QCOMPARE(r.datasetBytes, std::uint64_t(60000) * 784);
        const QJsonObject bytes = j["bytes"].toObject();
        QCOMPARE(bytes["dataset_raw"].toInteger(), qint64(60000) * 784);
        QCOMPARE(bytes["original"].toInteger(), n * 784);
        QCOMPARE(bytes["original_png"].toInteger(), png);
        QCOMPARE(bytes["original_webp_lossless"].toInteger(), webp);
        QCOMPARE(bytes["original_best_lossless"].toObject()["bytes"].toInteger(), std::min(png, webp));
        QCOMPARE(bytes["stored_over_best_lossless"].toDouble(), double(stored) / double(std::min(png, webp)));
        QVERIFY(png < n * 784); // PNG does compress these images
    }

    void camChoosesOtherPatchesThanRandom()
    {
        PixelParams p = params();
        p.cam = "random";
        const PixelResult r1 = run(p, "r1");
        const PixelResult r2 = run(p, "r2");
        (void)r1;
        (void)r2;
        const QuantizedReader a(dir_ / "r1" / "quantized"), b(dir_ / "r2" / "quantized"), cam(dir_ / "a" / "quantized");
        int differ = 0;
        for (std::int64_t i = 0; i < a.count(); ++i) {
            QCOMPARE(a.keptIds(i), b.keptIds(i)); // seeded: the same every run
            differ += a.keptIds(i) != cam.keptIds(i);
        }
        QVERIFY(differ > a.count() / 2);
    }

    void batchSizeDoesNotChangeTheResult()
    {
        PixelParams p = params();
        p.batchSize = 1;
        run(p, "b1");
        const QuantizedReader one(dir_ / "b1" / "quantized"), many(dir_ / "a" / "quantized");
        for (std::int64_t i = 0; i < one.count(); ++i)
            QCOMPARE(one.keptIds(i), many.keptIds(i));
    }

    void restoreRebuildsTheSameImages()
    {
        PixelParams p;
        p.recon = ""; // the one recorded
        const RestoreResult r = restore(dir_ / "a" / "quantized", p, dir_ / "restored", Progress::none(), CancelToken());
        QCOMPARE(r.images, static_cast<std::int64_t>(indices_.size()));
        const DatasetBundle a = openDataset("imagefolder:" + (dir_ / "a").string());
        const DatasetBundle b = openDataset("imagefolder:" + (dir_ / "restored").string());
        for (std::int64_t i = 0; i < a.train->size(); ++i)
            QCOMPARE(b.train->image(i).pixels, a.train->image(i).pixels);
    }

    // A quantized folder in the format of version 1 (uncompressed pixels) restores to the
    // same images as the folder it was made from.
    void version1FolderStillRestores()
    {
        const fs::path v1 = dir_ / "v1-quantized";
        fs::copy(dir_ / "a" / "quantized", v1, fs::copy_options::recursive);
        dqtest::downgradeQuantizedToVersion1(v1);
        QCOMPARE(QuantizedReader(v1).header().version, 1);
        PixelParams p;
        p.recon = "";
        restore(v1, p, dir_ / "restored-v1", Progress::none(), CancelToken());
        const DatasetBundle a = openDataset("imagefolder:" + (dir_ / "a").string());
        const DatasetBundle b = openDataset("imagefolder:" + (dir_ / "restored-v1").string());
        QCOMPARE(b.train->size(), a.train->size());
        for (std::int64_t i = 0; i < a.train->size(); ++i)
            QCOMPARE(b.train->image(i).pixels, a.train->image(i).pixels);
    }

    void compactMaeReconstructsBetterThanBlack()
    {
        PixelParams p = params("mae-compact");
        p.maeEpochs = 2;
        p.trainLimit = 2000;
        p.maskRatio = 0.5;
        p.cam = "random";
        const PixelResult r = run(p, "mae");
        QVERIFY(r.reconstruction.find("mae-compact") != std::string::npos);
        const QuantizedReader q(dir_ / "mae" / "quantized");
        QualityTotals black;
        for (std::int64_t i = 0; i < q.count(); ++i)
            black.add(bundle_.train->image(q.index(i)), q.partialImage(i));
        QVERIFY2(r.meanPsnr > black.meanPsnr() + 1.0,
                 qPrintable(QString("MAE %1 dB, black %2 dB").arg(r.meanPsnr).arg(black.meanPsnr())));
    }

    void sessionPreviewFollowsTheMaskRatio()
    {
        PixelParams p = params();
        PixelSession s(bundle_.train, p, Progress::none(), CancelToken());
        const PixelPreview a = s.preview(5, 0.1), b = s.preview(5, 0.6);
        QCOMPARE(static_cast<int>(a.keptIds.size()), 44); // int(49 * 0.9)
        QCOMPARE(static_cast<int>(b.keptIds.size()), 19); // int(49 * 0.4)
        for (int id : b.keptIds) // the highest-scoring patches stay kept as more are dropped
            QVERIFY(std::find(a.keptIds.begin(), a.keptIds.end(), id) != a.keptIds.end());
        QCOMPARE(a.camMap.size(), std::size_t(28 * 28));
        QCOMPARE(a.heatmap.channels, 3);
        QVERIFY(a.psnr > b.psnr);
    }

    void badInputIsNamed()
    {
        std::vector<std::int64_t> repeated = {3, 8, 3};
        DQ_EXPECT_ERROR(quantize(*bundle_.train, repeated, params(), dir_ / "x", Progress::none(), CancelToken()),
                        "indices: ", "entry 2", "repeats index 3");
        std::vector<std::int64_t> outside = {3, 60000};
        DQ_EXPECT_ERROR(quantize(*bundle_.train, outside, params(), dir_ / "x", Progress::none(), CancelToken()),
                        "indices: ", "entry 1", "60000");
        PixelParams p = params();
        p.maskRatio = 1.0;
        DQ_EXPECT_ERROR(run(p, "x"), "mask-ratio: ", "[0, 1)");
        p = params("mae:/nonexistent/mae.pth");
        DQ_EXPECT_ERROR(run(p, "x"), "/nonexistent/mae.pth");
        QVERIFY(!fs::exists(dir_ / "x"));
    }

    void cancelLeavesNoFolder()
    {
        CancelToken cancel;
        PixelParams p = params();
        p.batchSize = 1;
        // Cancel once the first images are written: what was staged must go.
        Progress progress(
            [&](const ProgressEvent& e) {
                if (e.stage == "pixel quantization" && e.done >= 2)
                    cancel.cancel();
            },
            0);
        bool cancelled = false;
        try {
            quantize(*bundle_.train, indices_, p, dir_ / "c", progress, cancel);
        } catch (const Cancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
        QVERIFY(!fs::exists(dir_ / "c"));
        for (const auto& e : fs::directory_iterator(dir_)) // no staging folder left either
            QVERIFY2(e.path().filename().string().find("c.") == std::string::npos,
                     qPrintable(QString::fromStdString(e.path().string())));
    }
};

QTEST_GUILESS_MAIN(PixelQuantizerTest)
#include "tst_PixelQuantizer.moc"
