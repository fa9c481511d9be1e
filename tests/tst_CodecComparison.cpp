// Rate-distortion against standard codecs at equal bytes: the byte budgets of JPEG and
// WebP, `dq pixel --compare-codecs` and its codecs.json, and dq evaluate's codec subsets,
// on real Fashion-MNIST images.
#include "TestSupport.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "common/Progress.h"
#include "datasets/DatasetSpec.h"
#include "io/Npy.h"
#include "pixel/internal/CodecBudget.h"
#include "pixel/CodecComparison.h"
#include "pixel/internal/ImageQuality.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

using namespace dq;
namespace fs = std::filesystem;

Q_DECLARE_METATYPE(dq::ImageCodec)

class CodecComparisonTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    fs::path dir_;
    QString fmnist_, small_;
    std::vector<Image> images_; // 120 real training images

    QString path(const std::string& name) const { return QString::fromStdString((dir_ / name).string()); }
    static QJsonObject json(const QString& text) { return QJsonDocument::fromJson(text.toUtf8()).object(); }
    std::int64_t losslessBytes(ImageCodec codec, int quality) const
    {
        std::int64_t sum = 0;
        for (const Image& m : images_)
            sum += static_cast<std::int64_t>(encodeImage(m, codec, quality).size());
        return sum;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        dir_ = tmp_.path().toStdString();
        fmnist_ = "fashion-mnist:" + QString::fromStdString(dqtest::fashionMnistDir().string());
        const DatasetBundle bundle = openDataset(fmnist_.toStdString());
        for (std::int64_t i = 0; i < 120; ++i)
            images_.push_back(bundle.train->image(i * 500));
        std::vector<std::int64_t> idx;
        for (std::int64_t i = 0; i < 40; ++i)
            idx.push_back(11 + i * 97);
        writeNpy(dir_ / "idx.npy", NpyArray::fromVector(idx));
        small_ = QString::fromStdString(dqtest::writeSmallFashionMnist(dir_ / "fashion-mnist-small", 600, 300));
    }

    void budgetWithinTwoPercent_data()
    {
        QTest::addColumn<dq::ImageCodec>("codec");
        QTest::addColumn<int>("quality"); // the budget: the set's bytes at this quality, scaled
        QTest::addColumn<double>("scale");
        for (const auto& [name, codec] : {std::pair{"jpeg", ImageCodec::Jpeg}, std::pair{"webp", ImageCodec::Webp}})
            for (const int q : {10, 50, 90})
                for (const double s : {0.995, 1.013})
                    QTest::addRow("%s q%d x%.3f", name, q, s) << codec << q << s;
    }
    void budgetWithinTwoPercent()
    {
        QFETCH(dq::ImageCodec, codec);
        QFETCH(int, quality);
        QFETCH(double, scale);
        const std::int64_t target = static_cast<std::int64_t>(std::llround(losslessBytes(codec, quality) * scale));
        const CodecFit fit = fitCodecBudget(images_, codec, target, 0.02, CancelToken());
        QVERIFY2(fit.withinTolerance, qPrintable(QString("%1 bytes for %2").arg(fit.bytes).arg(target)));
        QVERIFY(std::llabs(fit.bytes - target) <= target / 50);
        // The files are what the fit says: their sizes add up, and the qualities are neighbours.
        std::int64_t sum = 0;
        for (std::size_t k = 0; k < fit.files.size(); ++k) {
            sum += static_cast<std::int64_t>(fit.files[k].size());
            QCOMPARE(fit.files[k], encodeImage(images_[k], codec, fit.quality(k)));
        }
        QCOMPARE(sum, fit.bytes);
        QVERIFY(fit.qualityHigh - fit.qualityLow <= 1);
        QCOMPARE(fit.files.size(), images_.size());
    }

    void jpegPsnrRisesWithBytes()
    {
        const std::int64_t low = losslessBytes(ImageCodec::Jpeg, 5), high = losslessBytes(ImageCodec::Jpeg, 95);
        double previous = 0;
        for (int step = 0; step < 4; ++step) {
            const std::int64_t target = low + (high - low) * step / 3;
            const CodecFit fit = fitCodecBudget(images_, ImageCodec::Jpeg, target, 0.02, CancelToken());
            QVERIFY(fit.withinTolerance);
            const QualityTotals q = fitQuality(fit, images_, CancelToken());
            QVERIFY2(q.meanPsnr() > previous, qPrintable(QString("%1 dB at %2 bytes").arg(q.meanPsnr()).arg(fit.bytes)));
            previous = q.meanPsnr();
            const std::vector<Image> decoded = decodeFit(fit, images_, CancelToken());
            QCOMPARE(decoded.size(), images_.size());
            QCOMPARE(decoded[0].height, 28);
            QCOMPARE(decoded[0].channels, 1);
        }
        QVERIFY(previous > 30);
    }

    void unreachableBudgetIsReported()
    {
        const CodecFit tiny = fitCodecBudget(images_, ImageCodec::Jpeg, 1000, 0.02, CancelToken());
        QVERIFY(!tiny.withinTolerance);
        QCOMPARE(tiny.qualityLow, 1);
        QVERIFY(tiny.bytes > 1000);
        const CodecFit huge = fitCodecBudget(images_, ImageCodec::Webp, 100'000'000, 0.02, CancelToken());
        QVERIFY(!huge.withinTolerance);
        QCOMPARE(huge.qualityLow, 100);
    }

    void badInputNamesTheOption()
    {
        try {
            fitCodecBudget(images_, ImageCodec::Jpeg, 0, 0.02, CancelToken(), "subset", "jpeg");
            QFAIL("a budget of 0 was accepted");
        } catch (const FieldError& e) {
            QCOMPARE(e.field(), std::string("subset"));
            QVERIFY2(QString(e.what()).contains("subset: jpeg: ") && QString(e.what()).contains("positive"), e.what());
        }
        try {
            parseLossyCodec("png", "subset", "x");
            QFAIL("png was accepted as a lossy codec");
        } catch (const FieldError& e) {
            QCOMPARE(e.field(), std::string("subset"));
            QVERIFY2(QString(e.what()).contains("subset: x: ") && QString(e.what()).contains("'png'"), e.what());
        }
        for (const char* bad : {"0.2,x", "", "0.2,1.0", "0", "0.2;0.5"}) {
            try {
                parseMaskRatioList(bad, "compare-mask-ratios");
                QFAIL(qPrintable(QString("'%1' was accepted").arg(bad)));
            } catch (const UsageError& e) {
                QVERIFY2(QString(e.what()).startsWith("compare-mask-ratios:"), e.what());
            }
        }
        QCOMPARE(parseMaskRatioList("0.5, 0.2,0.5", "x"), (std::vector<double>{0.2, 0.5}));
        CancelToken cancelled;
        cancelled.cancel();
        QVERIFY_THROWS_EXCEPTION(Cancelled, fitCodecBudget(images_, ImageCodec::Webp, 50000, 0.02, cancelled));
    }

    void cliWritesCodecsJsonWithEveryMaskRatio()
    {
        const QStringList args{
            "pixel",         "--dataset", fmnist_,  "--indices",        path("idx.npy"),         "--recon",
            "inpaint:telea", "--cam",     "random", "--compare-codecs", "--compare-mask-ratios", "0.5,0.2,0.3",
            "--out",         path("p")};
        const auto r = dqtest::runCli(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("codecs at DQ's bytes (40 images") && r.out.contains("jpeg") && r.out.contains("webp"),
                 qPrintable(r.out));
        QVERIFY(fs::exists(dir_ / "p" / "codecs.csv"));

        // Read back with Qt's parser, as another program would, and with core's reader.
        QFile file(path("p/codecs.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject j = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(j["format"].toString(), QString("dq-codec-comparison"));
        QCOMPARE(j["images"].toInt(), 40);
        const QJsonArray points = j["points"].toArray();
        QCOMPARE(points.size(), 9);
        for (const double ratio : {0.2, 0.3, 0.5}) {
            QStringList methods;
            qint64 dqBytes = 0;
            for (const auto& v : points) {
                const QJsonObject p = v.toObject();
                if (std::abs(p["mask_ratio"].toDouble() - ratio) > 1e-9)
                    continue;
                methods << p["method"].toString();
                if (p["method"] == "dq")
                    dqBytes = p["bytes"].toInteger();
                else if (p["within_tolerance"].toBool())
                    QVERIFY(std::llabs(p["bytes"].toInteger() - dqBytes) <= dqBytes / 50);
                QVERIFY(p["psnr_db"].toDouble() > 5);
            }
            QCOMPARE(methods, (QStringList{"dq", "jpeg", "webp"}));
            QVERIFY(dqBytes > 0);
        }
        const CodecComparison back = readCodecComparison(dir_ / "p" / kCodecComparisonJson);
        QCOMPARE(back.maskRatios, (std::vector<double>{0.2, 0.3, 0.5}));
        QCOMPARE(back.curve("dq").size(), std::size_t(3));
        // DQ's bytes at the ratio dq pixel ran (0.2, its default) are what that run stored.
        const QJsonObject pixel = QJsonDocument::fromJson([&] {
                                      QFile f(path("p/pixel.json"));
                                      f.open(QIODevice::ReadOnly);
                                      return f.readAll();
                                  }())
                                      .object();
        QVERIFY(!pixel.isEmpty());
        std::int64_t stored = 0;
        for (const auto& e : fs::directory_iterator(dir_ / "p" / "quantized"))
            stored += static_cast<std::int64_t>(e.file_size());
        QCOMPARE(back.curve("dq")[0].bytes, stored);
        // Fewer patches kept, fewer bytes.
        QVERIFY(back.curve("dq")[2].bytes < back.curve("dq")[0].bytes);
    }

    void cliRefusesBadLists()
    {
        QStringList args{"pixel",         "--dataset", fmnist_,  "--indices",        path("idx.npy"),         "--recon",
                         "inpaint:telea", "--cam",     "random", "--compare-codecs", "--compare-mask-ratios", "0.2,abc",
                         "--out",         path("bad")};
        auto r = dqtest::runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--compare-mask-ratios") && r.err.contains("abc"), qPrintable(r.err));
        args.removeAll("--compare-codecs");
        args[args.indexOf("--compare-mask-ratios") + 1] = "0.2";
        r = dqtest::runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--compare-mask-ratios") && r.err.contains("needs --compare-codecs"), qPrintable(r.err));
        QVERIFY(!fs::exists(dir_ / "bad"));
    }

    // dq pixel's folder, then dq evaluate with the same samples as JPEG at DQ's bytes.
    void jpegSubsetTrainsAtDqBytes()
    {
        std::vector<std::int64_t> idx;
        for (std::int64_t i = 0; i < 120; ++i)
            idx.push_back(i * 5);
        writeNpy(dir_ / "small-idx.npy", NpyArray::fromVector(idx));
        auto r = dqtest::runCli({"pixel", "--dataset", small_, "--indices", path("small-idx.npy"), "--recon",
                                 "inpaint:telea", "--cam", "random", "--mask-ratio", "0.3", "--out", path("sp")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        std::int64_t stored = 0;
        for (const auto& e : fs::directory_iterator(dir_ / "sp" / "quantized"))
            stored += static_cast<std::int64_t>(e.file_size());

        const QStringList quick{"evaluate", "--dataset", small_, "--width",  "8",   "--epochs",    "1",          "--batch",
                                "64",       "--seeds",   "0",    "--device", "cpu", "--cache-dir", path("cache")};
        r = dqtest::runCli(quick + QStringList{"--subset", "dq=" + path("sp"), "--subset", "jpeg=codec:jpeg@dq", "--subset",
                                               "webp=codec:webp@20K:" + path("small-idx.npy"), "--out", path("ev"),
                                               "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray subsets = json(r.out)["subsets"].toArray();
        QCOMPARE(subsets.size(), 3);
        const QJsonObject jpeg = subsets[1].toObject(), webp = subsets[2].toObject();
        QCOMPARE(jpeg["kind"].toString(), QString("codec"));
        QCOMPARE(jpeg["images"].toInt(), 120);
        QCOMPARE(jpeg["class_counts"], subsets[0].toObject()["class_counts"]);
        QVERIFY2(std::llabs(jpeg["stored_bytes"].toInteger() - stored) <= stored / 50,
                 qPrintable(QString("%1 against %2").arg(jpeg["stored_bytes"].toInteger()).arg(stored)));
        QVERIFY(std::llabs(webp["stored_bytes"].toInteger() - 20 * 1024) <= 20 * 1024 / 50);
        const double acc = jpeg["runs"].toArray()[0].toObject()["epochs"].toArray()[0].toObject()["test_acc"].toDouble();
        QVERIFY(acc > 0.1 && acc <= 1.0);

        // The run cache knows the subsets apart: the same budget is cached, another is trained.
        r = dqtest::runCli(quick +
                           QStringList{"--subset", "jpeg=codec:jpeg@dq:" + path("sp"), "--out", path("ev2"), "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(json(r.out)["subsets"].toArray()[0].toObject()["runs"].toArray()[0].toObject()["from_cache"].toBool());
        r = dqtest::runCli(quick +
                           QStringList{"--subset", "jpeg=codec:jpeg@40K:" + path("sp"), "--out", path("ev3"), "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(!json(r.out)["subsets"].toArray()[0].toObject()["runs"].toArray()[0].toObject()["from_cache"].toBool());
    }

    void evaluateRefusesBadCodecSubsets_data()
    {
        QTest::addColumn<QString>("subset");
        QTest::addColumn<QString>("message");
        QTest::addRow("unknown codec") << "x=codec:png@dq:SP"
                                       << "unknown codec 'png'";
        QTest::addRow("zero bytes") << "x=codec:jpeg@0:SP"
                                    << "positive";
        QTest::addRow("negative bytes") << "x=codec:jpeg@-5K:SP"
                                        << "positive";
        QTest::addRow("not a size") << "x=codec:jpeg@lots:SP"
                                    << "not a size";
        QTest::addRow("no budget") << "x=codec:jpeg:SP"
                                   << "expected NAME=codec:jpeg@BYTES";
        QTest::addRow("dq of an index file") << "x=codec:jpeg@dq:IDX"
                                             << "quantized/";
        QTest::addRow("nothing to pair with") << "x=codec:webp@dq"
                                              << "before it";
        QTest::addRow("unreachable") << "x=codec:jpeg@100:SP"
                                     << "cannot store the 120 images in 100 bytes";
    }
    void evaluateRefusesBadCodecSubsets()
    {
        QFETCH(QString, subset);
        QFETCH(QString, message);
        subset.replace("SP", path("sp")).replace("IDX", path("small-idx.npy"));
        const auto r = dqtest::runCli({"evaluate", "--dataset", small_, "--epochs", "1", "--seeds", "0", "--device", "cpu",
                                       "--cache-dir", path("cache"), "--subset", subset, "--out", path("never")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--subset") && r.err.contains(message), qPrintable(r.err));
        QVERIFY(!fs::exists(dir_ / "never"));
    }
};

QTEST_GUILESS_MAIN(CodecComparisonTest)
#include "tst_CodecComparison.moc"
