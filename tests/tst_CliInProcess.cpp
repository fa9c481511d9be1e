// The dq commands as objects, run inside the test process (runCliInProcess) with stdout
// and stderr captured: real outputs on the first 1,000 Fashion-MNIST images and the
// fixtures, usage errors naming their option, cancellation, and the option groups that
// dq features, bins and select share.
#include "CliInProcess.h"

#include "common/AtomicFile.h"
#include "common/Progress.h"
#include "io/Npy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <random>

using namespace dq;
namespace fs = std::filesystem;

namespace {

// The help line of `option` in a subcommand's --help, without its default ("=convnet").
QString helpLine(const QString& help, const QString& option)
{
    const QRegularExpression line("^\\s+(?:-\\w,)?" + QRegularExpression::escape(option) + "\\b(.*)$",
                                  QRegularExpression::MultilineOption);
    const QRegularExpressionMatch m = line.match(help);
    if (!m.hasMatch())
        return QString();
    QString text = m.captured(1);
    text.remove(QRegularExpression("^ \\w+(=\\S*)?( REQUIRED)?"));
    return text.trimmed();
}

} // namespace

class CliInProcessTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    fs::path dir_;
    QString spec_; // the first 1,000 training and 200 test images of Fashion-MNIST

    QString path(const std::string& name) const { return QString::fromStdString((dir_ / name).string()); }
    QStringList cache() const { return {"--cache-dir", path("cache")}; }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        dir_ = tmp_.path().toStdString();
        spec_ = QString::fromStdString(dqtest::writeSmallFashionMnist(dir_ / "fmnist", 1000, 200));
        std::mt19937 rng(3);
        std::normal_distribution<float> g;
        std::vector<float> f(120 * 8);
        for (auto& x : f)
            x = g(rng);
        std::vector<std::int64_t> l(120);
        for (std::size_t i = 0; i < l.size(); ++i)
            l[i] = static_cast<std::int64_t>(i % 3);
        writeNpy(dir_ / "f.npy", NpyArray::fromVector(f, {120, 8}));
        writeNpy(dir_ / "l.npy", NpyArray::fromVector(l));
    }

    void infoText()
    {
        const auto r = dqtest::runCliInProcess({"info", "--dataset", spec_});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("train: 1000 samples, images 28 x 28 x 1, fingerprint "), qPrintable(r.out));
        QVERIFY2(r.out.contains("test: 200 samples"), qPrintable(r.out));
        // The first 1,000 training images' class counts (an idx: spec names classes by number).
        QVERIFY2(r.out.contains("\n  0 0: 107\n"), qPrintable(r.out));
        QVERIFY2(r.out.contains("\n  9 9: 99\ntest: "), qPrintable(r.out));
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    }

    void binsThenSample()
    {
        const auto b = dqtest::runCliInProcess(QStringList{"bins", "--features", path("f.npy"), "--labels", path("l.npy"),
                                                           "-k", "4", "--name", "TOY", "--out", path("bins"), "--json"} +
                                               cache());
        QVERIFY2(b.exitCode == 0, qPrintable(b.err));
        const QJsonObject j = QJsonDocument::fromJson(b.out.toUtf8()).object();
        QCOMPARE(j["bins"].toArray().size(), 4);
        qint64 total = 0;
        for (const QJsonValue& bin : j["bins"].toArray()) {
            const QString file = bin.toObject()["file"].toString();
            QCOMPARE(readNpy(file.toStdString()).numel(), bin.toObject()["count"].toInteger());
            total += bin.toObject()["count"].toInteger();
        }
        QCOMPARE(total, 120);

        const auto s = dqtest::runCliInProcess({"sample", "--bins", path("bins"), "--ratio", "0.5", "--out", path("")});
        QVERIFY2(s.exitCode == 0, qPrintable(s.err));
        const QString subset = path("select_indices_TOY_0.5.npy");
        QCOMPARE(s.out, subset + "\nkept 60 of 120 samples: true ratio 0.500000 (requested 0.5)\n");
        QCOMPARE(readNpy(subset.toStdString()).numel(), std::int64_t(60));
    }

    void textWithTfidf()
    {
        const QString fixture = QStringLiteral(DQ_FIXTURES_DIR "/text/alpaca_small.json");
        const auto r = dqtest::runCliInProcess(QStringList{"text", "--data", fixture, "--embed", "tfidf", "--ratio", "0.5",
                                                           "-k", "2", "--no-cache", "--out", path("text.json")} +
                                               cache());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines[0], path("text.json") + "\t6");
        QCOMPARE(lines[3], QString("kept 6 of 12 records (dataset quantization): true ratio 0.500000"));
        const QJsonDocument subset = QJsonDocument::fromJson(QByteArray::fromStdString(readFileBytes(dir_ / "text.json")));
        QCOMPARE(subset.array().size(), 6);
    }

    // dq features, then dq select and dq pixel on what it wrote.
    void featuresSelectPixel()
    {
        const auto f = dqtest::runCliInProcess(
            QStringList{"features", "--dataset", spec_, "--device", "cpu", "--out", path("features")} + cache());
        QVERIFY2(f.exitCode == 0, qPrintable(f.err));
        QVERIFY2(f.out.contains(path("features") + "/b.npy\n"), qPrintable(f.out));
        QVERIFY2(f.out.endsWith(path("features") + "/features.json\n"), qPrintable(f.out));
        QVERIFY2(f.err.contains("dq: 1000 samples, gradient features (dim 2048)"), qPrintable(f.err));
        QCOMPARE(readNpy(dir_ / "features" / "b.npy").shape, (std::vector<std::int64_t>{1000, 10}));

        const auto s = dqtest::runCliInProcess(
            {"select", "--method", "kcenter", "--ratio", "0.1", "--features", path("features"), "--out", path("select")});
        QVERIFY2(s.exitCode == 0, qPrintable(s.err));
        const QStringList lines = s.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[1], path("select") + "/select.json");
        // DQ's per-class budgets: 10 % of every class, rounded per class.
        const QRegularExpressionMatch kept = QRegularExpression("dq: kcenter kept (\\d+) of 1000 samples").match(s.err);
        QVERIFY2(kept.hasMatch(), qPrintable(s.err));
        const std::vector<std::int64_t> picked = readNpy(lines[0].toStdString()).toVector<std::int64_t>();
        QCOMPARE(picked.size(), std::size_t(kept.captured(1).toInt()));
        QVERIFY2(picked.size() >= 95 && picked.size() <= 105, qPrintable(kept.captured(0)));

        const auto p =
            dqtest::runCliInProcess({"pixel", "--dataset", spec_, "--indices", lines[0], "--cam", "random", "--recon",
                                     "inpaint:ns", "--mask-ratio", "0.25", "--device", "cpu", "--out", path("pixel")});
        QVERIFY2(p.exitCode == 0, qPrintable(p.err));
        QVERIFY2(p.out.startsWith(path("pixel") + "/pixel.json\n" + kept.captured(1) + " images, "), qPrintable(p.out));
        QVERIFY2(p.out.contains(QRegularExpression("PSNR [0-9.]+ dB, SSIM 0\\.[0-9]{4} \\(inpaint")), qPrintable(p.out));
        QVERIFY(fs::exists(dir_ / "pixel" / "quantized"));
    }

    void usageErrorsNameTheOption_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("option");
        QTest::newRow("sample ratio") << QStringList{"sample", "--bins", "BINS", "--ratio", "2", "--out", "OUT"}
                                      << "--ratio";
        QTest::newRow("bins memory limit")
            << QStringList{"bins", "--features", "F", "--labels", "L", "--out", "OUT", "--memory-limit", "3X"}
            << "--memory-limit";
        QTest::newRow("bins two sources") << QStringList{"bins", "--features", "F", "--dataset", "SPEC", "--out", "OUT"}
                                          << "--features";
        QTest::newRow("bins pixels with epochs")
            << QStringList{"bins", "--dataset", "SPEC", "--epochs", "2", "--out", "OUT"} << "--epochs";
        QTest::newRow("text dim") << QStringList{"text", "--data", "F", "--embed", "tfidf", "--dim", "0", "--out", "OUT"}
                                  << "--dim";
        QTest::newRow("select ratio") << QStringList{"select",     "--method", "kcenter", "--ratio", "0",
                                                     "--features", "F",        "--out",   "OUT"}
                                      << "--ratio";
        QTest::newRow("pixel cam target") << QStringList{"pixel",        "--dataset", "SPEC",  "--indices", "F",
                                                         "--cam-target", "x",         "--out", "OUT"}
                                          << "--cam-target";
        QTest::newRow("evaluate random-like")
            << QStringList{"evaluate", "--dataset", "SPEC", "--random-like", "x", "--out", "OUT"} << "--random-like";
        QTest::newRow("missing out") << QStringList{"features", "--dataset", "SPEC"} << "--out";
        QTest::newRow("unknown option") << QStringList{"info", "--frobnicate"} << "--frobnicate";
    }
    void usageErrorsNameTheOption()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, option);
        for (QString& a : args) {
            if (a == "F")
                a = path("f.npy");
            else if (a == "L")
                a = path("l.npy");
            else if (a == "SPEC")
                a = spec_;
            else if (a == "BINS")
                a = path("bins");
            else if (a == "OUT")
                a = path("never");
        }
        const auto r = dqtest::runCliInProcess(args);
        QVERIFY2(r.exitCode == 2, qPrintable(QString("exit %1: %2").arg(r.exitCode).arg(r.err)));
        QVERIFY2(r.err.contains(option), qPrintable(r.err));
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
        QVERIFY(!fs::exists(dir_ / "never"));
    }

    // The cancel flag set: the job stops, exit 130, nothing written.
    void cancelledRunWritesNothing()
    {
        CancelToken cancel;
        cancel.cancel();
        const auto r = dqtest::runCliInProcess(QStringList{"bins", "--features", path("f.npy"), "--labels", path("l.npy"),
                                                           "-k", "4", "--no-cache", "--out", path("cancelled")} +
                                                   cache(),
                                               cancel);
        QCOMPARE(r.exitCode, 130);
        QVERIFY2(r.err.contains("dq: cancelled; nothing partial was written"), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        QVERIFY(!fs::exists(dir_ / "cancelled"));
    }

    // The feature, dataset and cache options are declared once: the same help wherever
    // they appear.
    void sharedOptionsHaveOneHelp()
    {
        QMap<QString, QString> help;
        for (const char* command : {"features", "bins", "select", "pixel", "evaluate", "mae-train", "text"}) {
            const auto r = dqtest::runCliInProcess({command, "--help"});
            QCOMPARE(r.exitCode, 0);
            help[command] = r.out;
        }
        const auto same = [&](const QString& option, const QStringList& commands) {
            const QString first = helpLine(help[commands[0]], option);
            QVERIFY2(!first.isEmpty(), qPrintable(option + " missing in dq " + commands[0]));
            for (const QString& c : commands)
                QVERIFY2(helpLine(help[c], option) == first,
                         qPrintable(option + " in dq " + c + ": '" + helpLine(help[c], option) + "' vs '" + first + "'"));
        };
        for (const char* option : {"--model", "--weights", "--mode", "--batch", "--image-size"})
            same(option, {"features", "bins"});
        same("--epochs", {"features", "bins", "select"});
        same("--device", {"features", "bins", "select", "pixel", "evaluate", "mae-train"});
        same("--split", {"features", "bins", "pixel", "mae-train"});
        same("--limit", {"features", "bins", "select", "mae-train"});
        same("--cache-dir", {"features", "bins", "select", "pixel", "evaluate", "mae-train", "text"});
        same("--no-cache", {"features", "bins", "evaluate", "mae-train", "text"});
        // The defaults stay each command's own.
        QVERIFY(help["features"].contains("--model TEXT=convnet"));
        QVERIFY(help["bins"].contains("--model TEXT=pixels"));
    }
};

QTEST_GUILESS_MAIN(CliInProcessTest)
#include "tst_CliInProcess.moc"
