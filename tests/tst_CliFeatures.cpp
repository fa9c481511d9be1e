// `dq features` and `dq bins --dataset ... --model M` as a user runs them on the real
// Fashion-MNIST (first 600 images): files, the cache, exit codes and messages.
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

class CliFeaturesTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    fs::path dir_;
    QString fmnist_;

    QString path(const std::string& name) const { return QString::fromStdString((dir_ / name).string()); }
    QStringList common() const
    {
        return {"--dataset", fmnist_, "--limit", "600", "--device", "cpu", "--cache-dir", path("cache")};
    }
    std::vector<std::int64_t> allBins(const std::string& folder) const
    {
        std::vector<std::int64_t> all;
        for (int b = 0; b < 10; ++b) {
            const auto v = readNpy(dir_ / folder / ("select_indices_FashionMNIST_exp" + std::to_string(b) + ".npy"))
                               .toVector<std::int64_t>();
            all.insert(all.end(), v.begin(), v.end());
        }
        return all;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        dir_ = tmp_.path().toStdString();
        fmnist_ = "fashion-mnist:" + QString::fromStdString(dqtest::fashionMnistDir().string());
    }

    void featuresThenBins()
    {
        auto r = dqtest::runCli(QStringList{"features"} + common() + QStringList{"--out", path("f"), "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j["mode"].toString(), QString("gradient"));
        QCOMPARE(j["rows"].toInt(), 600);
        QCOMPARE(j["device"].toString(), QString("cpu"));
        QVERIFY(!j["from_cache"].toBool());
        QCOMPARE(readNpy(dir_ / "f" / "b.npy").shape, (std::vector<std::int64_t>{600, 10}));
        QCOMPARE(readNpy(dir_ / "f" / "e.npy").shape, (std::vector<std::int64_t>{600, 2048}));
        QCOMPARE(readNpy(dir_ / "f" / "logits.npy").shape, (std::vector<std::int64_t>{600, 10}));
        QCOMPARE(j["files"].toObject()["logits"].toString(), QString::fromStdString((dir_ / "f" / "logits.npy").string()));
        const QJsonObject manifest =
            QJsonDocument::fromJson(QByteArray::fromStdString(readFileBytes(dir_ / "f" / "features.json"))).object();
        QCOMPARE(manifest["format"].toString(), QString("dq-features"));
        QCOMPARE(manifest["model"].toString(), QString("convnet"));
        QCOMPARE(manifest["dataset"].toObject()["split"].toString(), QString("train"));
        QVERIFY(manifest["timings"].toObject().contains("extract_s"));
        QVERIFY(manifest["files"].toObject().contains("logits.npy"));

        // The same features again come from the cache.
        r = dqtest::runCli(QStringList{"features"} + common() + QStringList{"--out", path("f2"), "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QJsonDocument::fromJson(r.out.toUtf8()).object()["from_cache"].toBool());
        QCOMPARE(readFileBytes(dir_ / "f2" / "e.npy"), readFileBytes(dir_ / "f" / "e.npy"));

        // dq bins computes (here: reuses) the features and bins them in one command...
        r = dqtest::runCli(QStringList{"bins", "--model", "convnet"} + common() + QStringList{"--out", path("bins")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("from the cache"), qPrintable(r.err));
        std::vector<std::int64_t> all = allBins("bins");
        std::sort(all.begin(), all.end());
        QCOMPARE(all.size(), std::size_t(600));
        for (std::int64_t i = 0; i < 600; ++i)
            QCOMPARE(all[static_cast<std::size_t>(i)], i);
        const QJsonObject bins =
            QJsonDocument::fromJson(QByteArray::fromStdString(readFileBytes(dir_ / "bins" / "bins.json"))).object();
        QCOMPARE(bins["input"].toObject()["representation"].toString(), QString("gradient (b, e factors)"));

        // ... and gives the bins that --features DIR gives on the folder of dq features.
        r = dqtest::runCli({"bins", "--features", path("f"), "--out", path("bins2")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(allBins("bins2"), allBins("bins"));
    }

    void binsComputesFeatures()
    {
        // No cache yet for these parameters: computed, then binned.
        const auto r =
            dqtest::runCliInProcess(QStringList{"bins", "--model", "convnet", "--mode", "embedding", "--bins", "5"} +
                                    common() + QStringList{"--name", "E", "--out", path("bins-e")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(!r.err.contains("from the cache"));
        std::int64_t total = 0;
        for (int b = 0; b < 5; ++b)
            total += readNpy(dir_ / "bins-e" / ("select_indices_E_exp" + std::to_string(b) + ".npy")).numel();
        QCOMPARE(total, std::int64_t(600));
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString ts = QString::fromStdString((dqtest::fixturesDir() / "torchscript").string());
        QTest::newRow("unknown model") << QStringList{"--model", "vgg"} << 2 << "unknown model 'vgg'";
        QTest::newRow("unknown mode") << QStringList{"--mode", "logits"} << 2 << "unknown mode 'logits'";
        QTest::newRow("pixels mode with a network")
            << QStringList{"--mode", "pixels"} << 2 << "--mode: pixels are raw data: use the model pixels";
        QTest::newRow("bad device") << QStringList{"--device", "gpu"} << 2 << "--device: unknown device 'gpu'";
        QTest::newRow("cuda absent") << QStringList{"--device", "cuda:0"} << 1 << "CUDA is not available";
        // A CPU build names the field and the device; a CUDA machine with fewer GPUs, the count.
        QTest::newRow("cuda:7 absent") << QStringList{"--device", "cuda:7"} << 1 << "device: cuda:7 requested but";
        QTest::newRow("cuda without a number")
            << QStringList{"--device", "cuda:"} << 2 << "--device: 'cuda:': expected cuda:N";
        QTest::newRow("torchscript without embed")
            << QStringList{"--model", "torchscript:" + ts + "/no_embed.pt"} << 1 << "no method embed(x)";
        QTest::newRow("missing weights") << QStringList{"--weights", path("none.pth")} << 1 << "none.pth";
        QTest::newRow("negative epochs") << QStringList{"--epochs", "-1"} << 2 << "--epochs: must be 0 or more";
        QTest::newRow("zero batch") << QStringList{"--batch", "0"} << 2 << "--batch: must be positive";
        QTest::newRow("bad image size") << QStringList{"--image-size", "5000"} << 2 << "--image-size: must be between";
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QStringList base = common();
        if (args.contains("--device")) // given once only
            base.remove(base.indexOf("--device"), 2);
        const auto r = dqtest::runCliInProcess(QStringList{"features"} + base + args + QStringList{"--out", path("bad")});
        if ((message.contains("CUDA") || message.contains("cuda:7")) && r.exitCode == 0)
            QSKIP("this machine has CUDA");
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(!fs::exists(dir_ / "bad"));
    }
};

QTEST_GUILESS_MAIN(CliFeaturesTest)
#include "tst_CliFeatures.moc"
