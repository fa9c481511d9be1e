// `dq bins` and `dq sample` as a user runs them: files on disk, exit codes, messages (in
// process), and Ctrl-C in a real process.
#include "CliInProcess.h"
#include "TestSupport.h"

#include "common/AtomicFile.h"
#include "io/Npy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <QProcess>

#include <cmath>
#include <csignal>
#include <random>

using namespace dq;
namespace fs = std::filesystem;

class CliBinsTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    fs::path dir_;
    QString features_, labels_;

    QString path(const char* name) const { return QString::fromStdString((dir_ / name).string()); }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        dir_ = tmp_.path().toStdString();
        std::mt19937 rng(5);
        std::uniform_real_distribution<float> u(0.0f, 1.0f);
        std::vector<float> f(400 * 8);
        for (auto& x : f)
            x = u(rng);
        std::vector<std::int64_t> l(400);
        for (std::size_t i = 0; i < l.size(); ++i)
            l[i] = static_cast<std::int64_t>(i % 4);
        writeNpy(dir_ / "f.npy", NpyArray::fromVector(f, {400, 8}));
        writeNpy(dir_ / "l.npy", NpyArray::fromVector(l));
        features_ = path("f.npy");
        labels_ = path("l.npy");
    }

    void binsThenSample()
    {
        const auto r = dqtest::runCliInProcess({"bins", "--features", features_, "--labels", labels_, "--bins", "5",
                                                "--name", "TOY", "--out", path("bins"), "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j["bins"].toArray().size(), 5);
        QVERIFY(j["exact"].toBool());
        std::int64_t total = 0;
        for (int b = 0; b < 5; ++b) {
            const NpyArray a = readNpy(dir_ / "bins" / ("select_indices_TOY_exp" + std::to_string(b) + ".npy"));
            QCOMPARE(a.dtype, DType::Int64);
            total += a.numel();
        }
        QCOMPARE(total, std::int64_t(400));
        QVERIFY(fs::exists(dir_ / "bins" / "bins.json"));

        const auto s = dqtest::runCliInProcess({"sample", "--bins", path("bins"), "--ratio", "0.25", "--out", path("")});
        QVERIFY2(s.exitCode == 0, qPrintable(s.err));
        const fs::path sampled = dir_ / "select_indices_TOY_0.25.npy";
        QVERIFY2(fs::exists(sampled), qPrintable(s.out));
        QCOMPARE(readNpy(sampled).numel(), std::int64_t(100));
        QVERIFY(s.out.contains("true ratio 0.250000"));
    }

    // --threads reaches the engine (bins.json says how many it used) and leaves the bins as
    // they are: pools are independent and the lazy greedy's parallel parts are exact.
    void threadsOptionSameBins()
    {
        // --no-cache: computed again, not the entry binsThenSample left in the cache.
        const auto r =
            dqtest::runCliInProcess({"--threads", "1", "bins", "--features", features_, "--labels", labels_, "--bins", "5",
                                     "--name", "TOY", "--no-cache", "--out", path("bins-1thread")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j =
            QJsonDocument::fromJson(QByteArray::fromStdString(readFileBytes(dir_ / "bins-1thread" / "bins.json"))).object();
        QCOMPARE(j["timings"].toObject()["threads"].toInt(), 1);
        for (const QJsonValue& bin : j["bins"].toArray())
            QVERIFY(bin.toObject().contains("quick_bounds"));
        for (int b = 0; b < 5; ++b) {
            const std::string file = "select_indices_TOY_exp" + std::to_string(b) + ".npy";
            QCOMPARE(readNpy(dir_ / "bins-1thread" / file).toVector<std::int64_t>(),
                     readNpy(dir_ / "bins" / file).toVector<std::int64_t>());
        }
    }

    void sameSeedSameFiles()
    {
        for (const char* out : {"a.npy", "b.npy"}) {
            const auto s = dqtest::runCliInProcess(
                {"sample", "--bins", path("bins"), "--ratio", "0.1", "--seed", "7", "--out", path(out)});
            QVERIFY2(s.exitCode == 0, qPrintable(s.err));
        }
        QCOMPARE(readNpy(dir_ / "a.npy").toVector<std::int64_t>(), readNpy(dir_ / "b.npy").toVector<std::int64_t>());
    }

    // Ctrl-C stops the job, exits 130 and leaves neither the output folder nor a
    // staging folder behind.
    void interruptLeavesNothingBehind()
    {
        std::mt19937 rng(9);
        std::uniform_real_distribution<float> u(0.0f, 1.0f);
        std::vector<float> f(20000 * 64);
        for (auto& x : f)
            x = u(rng);
        writeNpy(dir_ / "big.npy", NpyArray::fromVector(f, {20000, 64}));
        QProcess p;
        p.start(QStringLiteral(DQ_CLI_PATH), {"bins", "--features", path("big.npy"), "--no-balance", "--greedy", "naive",
                                              "--bins", "4", "--out", path("interrupted")});
        QVERIFY(p.waitForStarted());
        // Wait until the greedy is under way (its progress line), then interrupt it.
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += p.readAllStandardError()).contains("bins:"), 60000);
        QTest::qWait(300);
        QCOMPARE(p.state(), QProcess::Running); // still working: the interrupt lands mid-job
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 130);
        QVERIFY(QString::fromUtf8(err + p.readAllStandardError()).contains("cancelled"));
        for (const auto& e : fs::directory_iterator(dir_))
            QVERIFY2(e.path().filename().string().find("interrupted") == std::string::npos, e.path().c_str());
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("ratio 0") << QStringList{"sample", "--bins", "BINS", "--ratio", "0", "--out", "x.npy"} << 2
                                 << "--ratio";
        QTest::newRow("ratio 2") << QStringList{"sample", "--bins", "BINS", "--ratio", "2", "--out", "x.npy"} << 2
                                 << "(0, 1]";
        QTest::newRow("unknown function") << QStringList{"bins",       "--features", "F",     "--labels", "L",
                                                         "--function", "magic",      "--out", "o"}
                                          << 2 << "unknown function 'magic'";
        QTest::newRow("missing features") << QStringList{"bins", "--features", "nosuch.npy", "--no-balance", "--out", "o"}
                                          << 1 << "nosuch.npy: file not found";
        QTest::newRow("more bins than class")
            << QStringList{"bins", "--features", "F", "--labels", "L", "--bins", "101", "--out", "o"} << 2
            << "class 0 has only 100";
        QTest::newRow("no labels") << QStringList{"bins", "--features", "F", "--out", "o"} << 2 << "--no-balance";
        QTest::newRow("NaN features") << QStringList{"bins", "--features", "NAN", "--no-balance", "--out", "o"} << 1
                                      << "row 3";
        QTest::newRow("labels of other length")
            << QStringList{"bins", "--features", "F", "--labels", "SHORT", "--out", "o"} << 1 << "399 labels";
        QTest::newRow("missing bins folder")
            << QStringList{"sample", "--bins", "nosuch", "--out", "x.npy"} << 1 << "bins.json: file not found";
        QTest::newRow("unknown option") << QStringList{"bins", "--frobnicate", "--out", "o"} << 2 << "frobnicate";
    }
    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        if (!fs::exists(dir_ / "nan.npy")) {
            std::vector<float> f(10 * 3, 0.5f);
            f[3 * 3 + 2] = std::nanf("");
            writeNpy(dir_ / "nan.npy", NpyArray::fromVector(f, {10, 3}));
            writeNpy(dir_ / "short.npy", NpyArray::fromVector(std::vector<std::int64_t>(399, 0)));
        }
        for (QString& a : args) {
            if (a == "F")
                a = features_;
            else if (a == "L")
                a = labels_;
            else if (a == "NAN")
                a = path("nan.npy");
            else if (a == "SHORT")
                a = path("short.npy");
            else if (a == "BINS")
                a = path("bins");
            else if (a == "o" || a == "x.npy")
                a = path("never");
        }
        const auto r = dqtest::runCliInProcess(args);
        QVERIFY2(r.exitCode == exitCode, qPrintable(QString("exit %1: %2").arg(r.exitCode).arg(r.err)));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(!fs::exists(dir_ / "never"));
    }
};

QTEST_GUILESS_MAIN(CliBinsTest)
#include "tst_CliBins.moc"
