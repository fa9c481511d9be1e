// `dq mae-train`, `dq pixel` and `dq restore` as a user runs them on the real
// Fashion-MNIST: files, exit codes and messages.
#include "CliInProcess.h"
#include "TestSupport.h"

#include "common/AtomicFile.h"

#include "io/Npy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace dq;
namespace fs = std::filesystem;

class CliPixelTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    fs::path dir_;
    QString fmnist_, indices_, checkpoint_;

    QString path(const std::string& name) const { return QString::fromStdString((dir_ / name).string()); }
    QStringList pixel(const std::string& out) const
    {
        return {"pixel",    "--dataset", fmnist_,       "--indices",   indices_, "--train-limit", "300",
                "--device", "cpu",       "--cache-dir", path("cache"), "--out",  path(out)};
    }
    static QJsonObject json(const QString& text) { return QJsonDocument::fromJson(text.toUtf8()).object(); }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        dir_ = tmp_.path().toStdString();
        fmnist_ = "fashion-mnist:" + QString::fromStdString(dqtest::fashionMnistDir().string());
        std::vector<std::int64_t> idx;
        for (std::int64_t i = 0; i < 40; ++i)
            idx.push_back(7 + i * 123);
        writeNpy(dir_ / "idx.npy", NpyArray::fromVector(idx));
        indices_ = path("idx.npy");
    }

    void maeTrainThenPixelThenRestore()
    {
        auto t = dqtest::runCli({"mae-train", "--dataset", fmnist_, "--limit", "600", "--device", "cpu", "--cache-dir",
                                 path("cache"), "--json"});
        QVERIFY2(t.exitCode == 0, qPrintable(t.err));
        const QJsonObject tj = json(t.out);
        checkpoint_ = tj["checkpoint"].toString();
        QVERIFY(fs::exists(checkpoint_.toStdString()));
        QCOMPARE(tj["epoch_loss"].toArray().size(), 1);
        QVERIFY(!tj["from_cache"].toBool());
        // The second call is the cache.
        t = dqtest::runCli({"mae-train", "--dataset", fmnist_, "--limit", "600", "--device", "cpu", "--cache-dir",
                            path("cache"), "--json"});
        QVERIFY2(t.exitCode == 0, qPrintable(t.err));
        QVERIFY(json(t.out)["from_cache"].toBool());

        auto r = dqtest::runCli(pixel("p") + QStringList{"--recon", "mae-compact:" + checkpoint_, "--mask-ratio", "0.3",
                                                         "--save-cam", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // --json prints pixel.json, the one schema.
        const QJsonObject j = json(r.out);
        QCOMPARE(j, json(QString::fromStdString(dq::readFileBytes(dir_ / "p" / "pixel.json"))));
        QCOMPARE(j["format"].toString(), QStringLiteral("dq-pixel"));
        QCOMPARE(j["counts"].toObject()["images"].toInt(), 40);
        QCOMPARE(j["counts"].toObject()["kept_patches_per_image"].toInt(), 34); // int(49 * 0.7)
        const QJsonObject bytes = j["bytes"].toObject();
        QVERIFY(bytes["stored"].toInteger() < bytes["original"].toInteger());
        QVERIFY(fs::exists(dir_ / "p" / "manifest.csv"));
        QVERIFY(fs::exists(dir_ / "p" / "quantized" / "pixels.zlib"));
        QVERIFY(bytes["original_png"].toInteger() > 0);
        QVERIFY(bytes["original_best_lossless"].toObject()["bytes"].toInteger() <= bytes["original_png"].toInteger());
        QCOMPARE(bytes["dataset_raw"].toInteger(), qint64(60000) * 784);
        int cams = 0;
        for (const auto& e : fs::recursive_directory_iterator(dir_ / "p" / "cam"))
            cams += e.is_regular_file();
        QCOMPARE(cams, 40);

        // restore uses the checkpoint the pixel run recorded.
        r = dqtest::runCli({"restore", "--quantized", path("p/quantized"), "--out", path("back"), "--device", "cpu"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.err.contains("restored 40 images"));
        for (const auto& e : fs::recursive_directory_iterator(dir_ / "p" / "images")) {
            if (!e.is_regular_file())
                continue;
            const fs::path rel = fs::relative(e.path(), dir_ / "p");
            QVERIFY2(fs::exists(dir_ / "back" / rel), qPrintable(QString::fromStdString(rel.string())));
        }
    }

    void inpaintingNeedsNoModel()
    {
        auto r = dqtest::runCliInProcess(pixel("i") + QStringList{"--recon", "inpaint:ns", "--cam", "random"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("39 of 49 patches kept"), qPrintable(r.out)); // default mask ratio 0.2: int(49 * 0.8)
        QVERIFY2(r.out.contains("as lossless WebP; DQ stores") &&
                     r.out.contains("sampling: 31360 of the dataset's 47040000 raw bytes"),
                 qPrintable(r.out));
        // Restore inpaints on the grid the folder records, whatever patch size cut it.
        r = dqtest::runCliInProcess(pixel("i7") +
                                    QStringList{"--recon", "inpaint:ns", "--cam", "random", "--patch-size", "7"});
        QVERIFY2(r.exitCode == 0 && r.out.contains("of 16 patches kept"), qPrintable(r.err + r.out));
        r = dqtest::runCliInProcess({"restore", "--quantized", path("i7/quantized"), "--out", path("i7-back")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(fs::exists(dir_ / "i7-back" / "manifest.csv"));
    }

    void badInput()
    {
        auto r = dqtest::runCliInProcess(pixel("x") + QStringList{"--mask-ratio", "1"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--mask-ratio"));
        r = dqtest::runCliInProcess(pixel("x") + QStringList{"--cam-model", "pixels"}); // named as dq pixel calls it
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--cam-model:") && !r.err.contains(" --model"), qPrintable(r.err));
        r = dqtest::runCliInProcess(pixel("x") + QStringList{"--recon", "vae"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("unknown reconstruction 'vae'"));
        r = dqtest::runCliInProcess(pixel("x") + QStringList{"--recon", "mae:" + path("missing.pth")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("missing.pth"));
        writeNpy(dir_ / "float.npy", NpyArray::fromVector(std::vector<double>{1.0, 2.0}));
        QStringList args = pixel("x");
        args[args.indexOf("--indices") + 1] = path("float.npy");
        r = dqtest::runCliInProcess(args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("float.npy") && r.err.contains("integers"));
        writeNpy(dir_ / "repeat.npy", NpyArray::fromVector(std::vector<std::int64_t>{4, 9, 4}));
        args[args.indexOf("--indices") + 1] = path("repeat.npy");
        r = dqtest::runCliInProcess(args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("repeats index 4"));
        QVERIFY(!fs::exists(dir_ / "x"));
    }

    // A mistyped --out never deletes the user's files: a non-empty folder that is not a
    // reconstruction folder is refused before any work, and restore does not replace the
    // folder that holds its input. A folder dq pixel wrote may be replaced.
    void outputFolderIsNeverSomeoneElses()
    {
        fs::create_directories(dir_ / "photos");
        dqtest::writeBytes(dir_ / "photos" / "holiday.jpg", "not really a photo");
        auto r = dqtest::runCliInProcess(pixel("photos") + QStringList{"--recon", "inpaint:telea", "--cam", "random"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("photos") && r.err.contains("holds no manifest.csv"), qPrintable(r.err));
        QVERIFY(fs::exists(dir_ / "photos" / "holiday.jpg"));

        r = dqtest::runCliInProcess(pixel("run") + QStringList{"--recon", "inpaint:telea", "--cam", "random"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = dqtest::runCliInProcess(pixel("run") + QStringList{"--recon", "inpaint:telea", "--cam", "random"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err)); // its own earlier output
        r = dqtest::runCliInProcess({"restore", "--quantized", path("run/quantized"), "--out", path("run")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("that is being restored"), qPrintable(r.err));
        QVERIFY(fs::exists(dir_ / "run" / "quantized" / "meta.json"));
    }
};

QTEST_GUILESS_MAIN(CliPixelTest)
#include "tst_CliPixel.moc"
