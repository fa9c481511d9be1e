// `dq evaluate` as a user runs it: the table, evaluation.json, curves.csv, exit codes and
// messages, nothing written on failure.
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

class CliEvaluateTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    fs::path dir_;
    QString spec_;

    QString path(const std::string& name) const { return QString::fromStdString((dir_ / name).string()); }

    QStringList quick() const
    {
        return {"evaluate", "--dataset", spec_,      "--width", "8",           "--epochs",   "1",
                "--batch",  "64",        "--device", "cpu",     "--cache-dir", path("cache")};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        dir_ = tmp_.path().toStdString();
        spec_ = QString::fromStdString(dqtest::writeSmallFashionMnist(dir_ / "fashion-mnist-small", 600, 300));
        std::vector<std::int64_t> first;
        for (std::int64_t i = 0; i < 200; ++i)
            first.push_back(i);
        writeNpy(dir_ / "first200.npy", NpyArray::fromVector(first));
    }

    void tableJsonAndCurves()
    {
        const auto r = dqtest::runCli(quick() + QStringList{"--subset", "first=" + path("first200.npy"), "--random-like",
                                                            "first", "--seeds", "0,1", "--out", path("eval")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("final acc (mean ± std over 2 seeds)"), qPrintable(r.out));
        QVERIFY(r.out.contains("random-first"));
        QVERIFY(r.out.contains("best epoch: chosen on the test set"));

        QFile f(path("eval/evaluation.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject j = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(j["format"].toString(), QString("dq-evaluation"));
        QCOMPARE(j["seeds"].toArray().size(), 2);
        QCOMPARE(j["recipe"].toObject()["width"].toInt(), 8);
        const QJsonArray subsets = j["subsets"].toArray();
        QCOMPARE(subsets.size(), 2);
        const QJsonObject first = subsets[0].toObject(), random = subsets[1].toObject();
        QCOMPARE(first["name"].toString(), QString("first"));
        QCOMPARE(first["kind"].toString(), QString("indices"));
        QCOMPARE(random["name"].toString(), QString("random-first"));
        QCOMPARE(random["kind"].toString(), QString("random"));
        QCOMPARE(first["images"].toInt(), 200);
        QCOMPARE(random["class_counts"].toArray(), first["class_counts"].toArray());
        const QJsonArray runs = first["runs"].toArray();
        QCOMPARE(runs.size(), 2);
        const double acc = runs[0].toObject()["epochs"].toArray()[0].toObject()["test_acc"].toDouble();
        QVERIFY(acc > 0 && acc <= 1);
        QCOMPARE(runs[0].toObject()["final_acc"].toDouble(), acc);
        QVERIFY(first["final_acc"].toObject().contains("std"));

        const std::string csv = readFileBytes(dir_ / "eval" / "curves.csv");
        QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), 1 + 2 * 2); // header + 2 subsets x 2 seeds x 1 epoch
        QVERIFY(csv.find("\nrandom-first,1,1,") != std::string::npos);

        // The same command again reads every run from the cache: the same table.
        const auto again = dqtest::runCli(quick() + QStringList{"--subset", "first=" + path("first200.npy"), "--random-like",
                                                                "first", "--seeds", "0,1", "--out", path("eval"), "--json"});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        const QJsonObject k = QJsonDocument::fromJson(again.out.toUtf8()).object();
        const QJsonObject firstAgain = k["subsets"].toArray()[0].toObject();
        QVERIFY(firstAgain["runs"].toArray()[0].toObject()["from_cache"].toBool());
        QCOMPARE(firstAgain["final_acc"].toObject()["mean"].toDouble(), first["final_acc"].toObject()["mean"].toDouble());
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("ratios without bins") << QStringList{"--ratios", "0.1"} << "--ratios: needs the bins folder";
        QTest::newRow("no subset") << QStringList{} << "nothing to evaluate";
        QTest::newRow("missing file") << QStringList{"--subset", "a=/no/such.npy"} << "/no/such.npy: no such file";
        QTest::newRow("no name") << QStringList{"--subset", "=x.npy"} << "expected NAME=FILE.npy";
        QTest::newRow("random of nothing") << QStringList{"--full", "--random-like", "zz"} << "'zz' names no --subset";
        QTest::newRow("bad model") << QStringList{"--full", "--model", "vit"} << "--model: 'vit' cannot be evaluated";
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto r = dqtest::runCliInProcess(quick() + args + QStringList{"--out", path("never")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(!fs::exists(dir_ / "never"));
    }

    void badIndicesFail()
    {
        writeNpy(dir_ / "bad.npy", NpyArray::fromVector(std::vector<std::int64_t>{3, 7, 600}));
        const auto r =
            dqtest::runCliInProcess(quick() + QStringList{"--subset", "bad=" + path("bad.npy"), "--out", path("never")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("bad.npy: index 600 at position 2 is outside the training split (600 samples)"),
                 qPrintable(r.err));
        QVERIFY(!fs::exists(dir_ / "never"));
    }

    void refusesForeignOutput()
    {
        dqtest::writeBytes(dir_ / "mine" / "thesis.tex", "x");
        const auto r = dqtest::runCliInProcess(quick() + QStringList{"--full", "--out", path("mine")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("holds no evaluation.json"), qPrintable(r.err));
        QVERIFY(fs::exists(dir_ / "mine" / "thesis.tex"));
    }
};

QTEST_GUILESS_MAIN(CliEvaluateTest)
#include "tst_CliEvaluate.moc"
