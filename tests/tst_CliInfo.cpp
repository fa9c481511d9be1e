// `dq info` and the top-level options on real and broken data: in process (runCliInProcess),
// and as a real process for the exit statuses and the version.
#include "BuildInfo.h"
#include "CliInProcess.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

namespace fs = std::filesystem;

namespace {

std::string be32(std::uint32_t v) { return {char(v >> 24), char((v >> 16) & 0xff), char((v >> 8) & 0xff), char(v & 0xff)}; }

QStringList errorLines(const QString& err)
{
    QStringList out;
    for (const QString& line : err.split('\n', Qt::SkipEmptyParts))
        if (line.startsWith("dq: error:") || line.contains("rror"))
            out << line;
    return out;
}

} // namespace

class TestCliInfo : public QObject {
    Q_OBJECT

private slots:
    void fashionMnistJson()
    {
        const dqtest::CliResult r = dqtest::runCliInProcess({"info", "--dataset", "fashion-mnist", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QJsonParseError perr;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &perr);
        QVERIFY2(perr.error == QJsonParseError::NoError, qPrintable(perr.errorString() + "\n" + r.out));
        const QJsonObject j = doc.object();
        QCOMPARE(j["name"].toString(), QString("FashionMNIST"));
        QCOMPARE(j["classes"].toArray().size(), 10);
        QCOMPARE(j["classes"].toArray()[9].toString(), QString("Ankle boot"));
        const QJsonObject train = j["splits"].toObject()["train"].toObject();
        const QJsonObject test = j["splits"].toObject()["test"].toObject();
        QCOMPARE(train["size"].toInteger(), 60000);
        QCOMPARE(test["size"].toInteger(), 10000);
        QCOMPARE(train["kind"].toString(), QString("images"));
        QCOMPARE(train["image_shape"].toArray(), (QJsonArray{28, 28, 1}));
        QCOMPARE(train["fingerprint"].toString().size(), 16);
        const QJsonObject counts = train["class_counts"].toObject();
        QCOMPARE(counts.size(), 10);
        for (const QString& cls : counts.keys())
            QCOMPARE(counts[cls].toInteger(), 6000);
        QCOMPARE(counts["T-shirt/top"].toInteger(), 6000);
        const QJsonObject testCounts = test["class_counts"].toObject();
        QCOMPARE(testCounts.size(), 10);
        for (const QString& cls : testCounts.keys())
            QCOMPARE(testCounts[cls].toInteger(), 1000);
    }

    void fashionMnistText()
    {
        const dqtest::CliResult r = dqtest::runCliInProcess({"info", "--dataset", "fashion-mnist"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("60000"), qPrintable(r.out));
        QVERIFY2(r.out.contains("10000"), qPrintable(r.out));
        QVERIFY2(r.out.contains("Ankle boot"), qPrintable(r.out));
        QVERIFY2(r.out.contains("28 x 28 x 1"), qPrintable(r.out));
    }

    void unknownSpecIsUsageError()
    {
        const dqtest::CliResult r = dqtest::runCli({"info", "--dataset", "nosuch:x"});
        QCOMPARE(r.exitCode, 2);
        const QStringList lines = errorLines(r.err);
        QVERIFY2(lines.size() == 1, qPrintable(r.err));
        QVERIFY2(r.err.trimmed().split('\n').size() == 1, qPrintable("stderr is not one line: " + r.err));
        QVERIFY2(lines[0].contains("nosuch:x"), qPrintable(r.err));
        QVERIFY2(lines[0].contains("imagefolder:DIR"), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void missingFolderFails()
    {
        const dqtest::CliResult r = dqtest::runCli({"info", "--dataset", "idx:/nonexistent"});
        QCOMPARE(r.exitCode, 1);
        const QStringList lines = errorLines(r.err);
        QVERIFY2(lines.size() == 1 && lines[0].contains("/nonexistent: no such folder"), qPrintable(r.err));
    }

    void truncatedIdxFails()
    {
        QTemporaryDir tmp;
        const fs::path d = fs::path(tmp.path().toStdString()) / "cut";
        dqtest::writeBytes(d / "train-images-idx3-ubyte", be32(0x803) + be32(10) + be32(28) + be32(28) + "abc");
        dqtest::writeBytes(d / "train-labels-idx1-ubyte", be32(0x801) + be32(10) + std::string(10, '\0'));
        const dqtest::CliResult r =
            dqtest::runCliInProcess({"info", "--dataset", QString::fromStdString("idx:" + d.string())});
        QCOMPARE(r.exitCode, 1);
        const QString file = QString::fromStdString((d / "train-images-idx3-ubyte").string());
        const QStringList lines = errorLines(r.err);
        QVERIFY2(lines.size() == 1, qPrintable(r.err));
        QVERIFY2(lines[0].contains(file + ": truncated: expected 7840 bytes of pixels, found 3"), qPrintable(r.err));
    }

    void unknownOptionIsUsageError()
    {
        const dqtest::CliResult r = dqtest::runCli({"info", "--no-such-option"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--no-such-option"), qPrintable(r.err));
    }

    void version()
    {
        const dqtest::CliResult r = dqtest::runCli({"--version"});
        QCOMPARE(r.exitCode, 0);
        // The version and the commit the build was made from ("unknown" outside git).
        QCOMPARE(r.out.trimmed(), QString("dq " DQ_VERSION " (git " DQ_GIT_COMMIT ")"));
        QVERIFY2(QRegularExpression("^([0-9a-f]{12}(-dirty)?|unknown)$").match(DQ_GIT_COMMIT).hasMatch(), DQ_GIT_COMMIT);
    }

    void helpListsSpecs()
    {
        const dqtest::CliResult r = dqtest::runCliInProcess({"--help"});
        QCOMPARE(r.exitCode, 0);
        for (const char* form : {"fashion-mnist[:DIR]", "idx:DIR", "cifar10:DIR", "imagefolder:DIR", "npy:FEATURES.npy"})
            QVERIFY2(r.out.contains(form), qPrintable(r.out));
    }
};

QTEST_GUILESS_MAIN(TestCliInfo)
#include "tst_CliInfo.moc"
