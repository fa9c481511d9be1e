// dq select on the first 400 Fashion-MNIST training images: a ConvNet trained for one
// epoch by dq features gives the logits; files, counts, exit codes and messages.
#include "CliInProcess.h"
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

namespace {

// EL2N of every sample of a features folder, from its logits.npy and labels.npy, by hand.
std::vector<double> el2nOf(const fs::path& folder)
{
    const NpyArray z = readNpy(folder / "logits.npy");
    const auto labels = readNpy(folder / "labels.npy").toVector<std::int64_t>();
    const std::int64_t rows = z.shape[0], classes = z.shape[1];
    std::vector<double> out;
    for (std::int64_t i = 0; i < rows; ++i) {
        const float* zi = z.data<float>() + i * classes;
        const double top = *std::max_element(zi, zi + classes);
        double sum = 0;
        for (std::int64_t c = 0; c < classes; ++c)
            sum += std::exp(zi[c] - top);
        double s = 0;
        for (std::int64_t c = 0; c < classes; ++c) {
            const double d = std::exp(zi[c] - top) / sum - (c == labels[static_cast<std::size_t>(i)] ? 1.0 : 0.0);
            s += d * d;
        }
        out.push_back(std::sqrt(s));
    }
    return out;
}

} // namespace

class CliSelectTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    fs::path dir_;

    QString path(const std::string& name) const { return QString::fromStdString((dir_ / name).string()); }
    QStringList dataset() const
    {
        return {"--dataset",   "fashion-mnist:" + QString::fromStdString(dqtest::fashionMnistDir().string()),
                "--limit",     "400",
                "--device",    "cpu",
                "--cache-dir", path("cache")};
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
        const auto r = dqtest::runCliInProcess(QStringList{"select", "--method", "el2n", "--ratio", "0.1", "--epochs", "1"} +
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
        const auto r = dqtest::runCliInProcess(QStringList{"select", "--method", "ccs", "--score", "forgetting", "--ratio",
                                                           "0.2", "--epochs", "2", "--seed", "3"} +
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
        const auto aum = dqtest::runCliInProcess(
            QStringList{"select", "--method", "aum", "--ratio", "0.2", "--epochs", "2", "--seed", "3"} + dataset() +
            QStringList{"--out", path("aum"), "--json"});
        QVERIFY2(aum.exitCode == 0, qPrintable(aum.err));
        QVERIFY2(aum.err.isEmpty() || !aum.err.contains("training"), qPrintable(aum.err)); // trained weights cached
    }

    // --score-seeds 2: two selection trainings (seeds 0 and 1, the second the very entry a
    // plain --seed 1 run makes), and the EL2N kept is the mean of their two scores.
    void scoreSeedsAverageTheTrainings()
    {
        const QStringList args =
            QStringList{"select", "--method", "el2n", "--ratio", "0.1", "--epochs", "1", "--score-seeds", "2"} + dataset();
        const auto r = dqtest::runCliInProcess(args + QStringList{"--out", path("el2n-2"), "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonObject params = j["parameters"].toObject();
        QCOMPARE(params["score_seeds"].toArray(), (QJsonArray{0, 1}));
        const QJsonArray folders = params["score_features"].toArray();
        QCOMPARE(folders.size(), 2);
        QCOMPARE(j["score"].toObject()["name"].toString(), QString("el2n, mean of 2 trainings"));

        const std::vector<double> s0 = el2nOf(folders[0].toString().toStdString()),
                                  s1 = el2nOf(folders[1].toString().toStdString());
        QVERIFY(s0 != s1);
        const auto labels = readNpy(fs::path(folders[0].toString().toStdString()) / "labels.npy").toVector<std::int64_t>();
        std::vector<double> mean(s0.size());
        double total = 0;
        for (std::size_t i = 0; i < s0.size(); ++i)
            total += (mean[i] = (s0[i] + s1[i]) / 2);
        const QJsonObject all = j["score"].toObject()["all"].toObject();
        QVERIFY(std::abs(all["mean"].toDouble() - total / static_cast<double>(mean.size())) < 1e-12);
        QVERIFY(std::abs(all["max"].toDouble() - *std::max_element(mean.begin(), mean.end())) < 1e-12);
        // The hardest of every class by the mean score, the budgets of select.json.
        std::vector<std::int64_t> expected;
        const QJsonArray budgets = j["budgets"].toArray();
        for (int c = 0; c < budgets.size(); ++c) {
            std::vector<std::int64_t> pool;
            for (std::size_t i = 0; i < labels.size(); ++i)
                if (labels[i] == c)
                    pool.push_back(static_cast<std::int64_t>(i));
            std::stable_sort(pool.begin(), pool.end(), [&](std::int64_t a, std::int64_t b) {
                return mean[static_cast<std::size_t>(a)] > mean[static_cast<std::size_t>(b)];
            });
            expected.insert(expected.end(), pool.begin(), pool.begin() + budgets[c].toInt());
        }
        std::sort(expected.begin(), expected.end());
        const fs::path indices = dir_ / "el2n-2" / "select_indices_FashionMNIST_el2n_0.1.npy";
        QCOMPARE(readNpy(indices).toVector<std::int64_t>(), expected);

        // Deterministic: the same trainings (from the cache) and the same file.
        const auto again = dqtest::runCliInProcess(args + QStringList{"--out", path("el2n-2-again")});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QCOMPARE(readFileBytes(dir_ / "el2n-2-again" / indices.filename()), readFileBytes(indices));
        // Seed 1's training is the one a plain run with --seed 1 uses.
        const auto one = dqtest::runCliInProcess(
            QStringList{"select", "--method", "el2n", "--ratio", "0.1", "--epochs", "1", "--seed", "1"} + dataset() +
            QStringList{"--out", path("el2n-seed1"), "--json"});
        QVERIFY2(one.exitCode == 0, qPrintable(one.err));
        const QJsonObject j1 = QJsonDocument::fromJson(one.out.toUtf8()).object();
        QCOMPARE(j1["features"].toString(), folders[1].toString());
        QCOMPARE(j1["parameters"].toObject()["score_seeds"].toArray(), (QJsonArray{1}));

        // Only the scores of trained networks are averaged; asked of another method, it
        // fails before any training.
        const auto kcenter = dqtest::runCliInProcess(QStringList{"select", "--method", "kcenter", "--score-seeds", "2"} +
                                                     dataset() + QStringList{"--out", path("never")});
        QCOMPARE(kcenter.exitCode, 2);
        QVERIFY2(kcenter.err.contains("--score-seeds") && kcenter.err.contains("el2n"), qPrintable(kcenter.err));
        const auto zero = dqtest::runCliInProcess(QStringList{"select", "--method", "el2n", "--score-seeds", "0"} +
                                                  dataset() + QStringList{"--out", path("never")});
        QCOMPARE(zero.exitCode, 2);
        QVERIFY2(zero.err.contains("--score-seeds"), qPrintable(zero.err));
        QVERIFY(!fs::exists(dir_ / "never"));
    }

    void badInput()
    {
        auto r = dqtest::runCliInProcess(QStringList{"select", "--method", "kcenter", "--ratio", "0"} + dataset() +
                                         QStringList{"--out", path("never")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--ratio"), qPrintable(r.err));
        QVERIFY(!fs::exists(dir_ / "never"));

        // Pixels have no logits: the message says what gives them.
        r = dqtest::runCliInProcess(QStringList{"select", "--method", "uncertainty", "--model", "pixels"} + dataset() +
                                    QStringList{"--out", path("never")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("logits.npy") && r.err.contains("--features: ") && r.err.contains("features with a network"),
                 qPrintable(r.err));

        r = dqtest::runCliInProcess(QStringList{"select", "--method", "kcenter", "--score", "margin"} + dataset() +
                                    QStringList{"--out", path("never")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--score"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(CliSelectTest)
#include "tst_CliSelect.moc"
