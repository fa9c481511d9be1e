// dq select on the first 400 Fashion-MNIST training images: a ConvNet trained for one
// epoch by dq features gives the logits; files, counts, exit codes and messages.
#include "TestSupport.h"

#include "common/AtomicFile.h"
#include "io/Npy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

namespace fs = std::filesystem;
using namespace dq;

class CliSelectTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    fs::path dir_;

    QString path(const std::string& name) const { return QString::fromStdString((dir_ / name).string()); }
    QStringList dataset() const
    {
        return {"--dataset", "fashion-mnist:" + QString::fromStdString(dqtest::fashionMnistDir().string()), "--limit",
                "400", "--device", "cpu", "--cache-dir", path("cache")};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        dir_ = tmp_.path().toStdString();
    }

    // From a dataset: dq features' training and logits, then EL2N with DQ's budgets.
    void el2nFromADataset()
    {
        const auto r = dqtest::runCli(QStringList{"select", "--method", "el2n", "--ratio", "0.1", "--epochs", "1"} +
                                      dataset() + QStringList{"--out", path("el2n"), "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j["method"].toString(), QString("el2n"));
        QCOMPARE(j["indices_file"].toString(), QString("select_indices_FashionMNIST_el2n_0.1.npy"));
        const NpyArray a = readNpy(dir_ / "el2n" / "select_indices_FashionMNIST_el2n_0.1.npy");
        QCOMPARE(a.dtype, DType::Int64);
        const auto v = a.toVector<std::int64_t>();
        QVERIFY(std::is_sorted(v.begin(), v.end()));
        int sum = 0;
        for (const auto c : j["class_counts"].toArray())
            sum += c.toInt();
        QCOMPARE(sum, static_cast<int>(v.size()));
        QCOMPARE(j["budgets"].toArray(), j["class_counts"].toArray());
        QVERIFY(j["score"].toObject()["selected"].toObject()["mean"].toDouble() >
                j["score"].toObject()["all"].toObject()["mean"].toDouble());
        const QJsonObject written =
            QJsonDocument::fromJson(QByteArray::fromStdString(readFileBytes(dir_ / "el2n" / "select.json"))).object();
        QCOMPARE(written["count"].toInt(), static_cast<int>(v.size()));
        QVERIFY(written["timings"].toObject().contains("select_s"));
    }

    // Two epochs of selection training record every presentation: dq features writes
    // forgetting.npy and aum.npy, and CCS stratifies over the forgetting counts.
    void forgettingFromTheTraining()
    {
        const auto r = dqtest::runCli(QStringList{"select", "--method", "ccs", "--score", "forgetting", "--ratio", "0.2",
                                                  "--epochs", "2", "--seed", "3"} +
                                      dataset() + QStringList{"--out", path("ccs"), "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j["method"].toString(), QString("ccs:forgetting"));
        QCOMPARE(j["features_used"].toString(), QString("forgetting.npy"));
        QCOMPARE(j["count"].toInt(), 80);
        // Forgetting counts are whole numbers at most the presentations + 1 (never learned).
        const QJsonObject all = j["score"].toObject()["all"].toObject();
        QVERIFY(all["min"].toDouble() >= 0 && all["max"].toDouble() <= 3);
        QCOMPARE(all["max"].toDouble(), std::floor(all["max"].toDouble()));
        const auto aum = dqtest::runCli(QStringList{"select", "--method", "aum", "--ratio", "0.2", "--epochs", "2", "--seed",
                                                    "3"} + dataset() + QStringList{"--out", path("aum"), "--json"});
        QVERIFY2(aum.exitCode == 0, qPrintable(aum.err));
        QVERIFY2(aum.err.isEmpty() || !aum.err.contains("training"), qPrintable(aum.err)); // trained weights cached
    }

    void badInput()
    {
        auto r = dqtest::runCli(QStringList{"select", "--method", "kcenter", "--ratio", "0"} + dataset() +
                                QStringList{"--out", path("never")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--ratio"), qPrintable(r.err));
        QVERIFY(!fs::exists(dir_ / "never"));

        // Pixels have no logits: the message says which option gives them.
        r = dqtest::runCli(QStringList{"select", "--method", "uncertainty", "--model", "pixels"} + dataset() +
                           QStringList{"--out", path("never")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("logits.npy") && r.err.contains("dq features with a network"), qPrintable(r.err));

        r = dqtest::runCli(QStringList{"select", "--method", "kcenter", "--score", "margin"} + dataset() +
                           QStringList{"--out", path("never")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--score"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(CliSelectTest)
#include "tst_CliSelect.moc"
