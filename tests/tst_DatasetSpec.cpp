// openDataset: dispatch by spec prefix, and the usage errors for specs it cannot parse.
#include "TestSupport.h"

#include "common/Error.h"
#include "datasets/DatasetSpec.h"
#include "io/Npy.h"

#include <QTemporaryDir>
#include <QtTest>

namespace fs = std::filesystem;

namespace {

std::string be32(std::uint32_t v) { return {char(v >> 24), char((v >> 16) & 0xff), char((v >> 8) & 0xff), char(v & 0xff)}; }

} // namespace

class TestDatasetSpec : public QObject {
    Q_OBJECT

private:
    QTemporaryDir tmp_;
    fs::path at(const std::string& rel) const { return fs::path(tmp_.path().toStdString()) / rel; }

private slots:
    void fashionMnist()
    {
        dq::DatasetBundle b = dq::openDataset("fashion-mnist");
        QCOMPARE(b.name, std::string("FashionMNIST"));
        QCOMPARE(b.spec, std::string("fashion-mnist"));
        QCOMPARE(b.train->size(), std::int64_t(60000));
        QCOMPARE(b.test->size(), std::int64_t(10000));
        QCOMPARE(b.train->classNames()[9], std::string("Ankle boot"));
        const std::string spec = "fashion-mnist:" + dqtest::fashionMnistDir().string();
        b = dq::openDataset(spec);
        QCOMPARE(b.name, std::string("FashionMNIST"));
        QCOMPARE(b.spec, spec);
        QCOMPARE(b.train->size(), std::int64_t(60000));
    }

    void idx()
    {
        const fs::path d = at("digits");
        dqtest::writeBytes(d / "train-images-idx3-ubyte", be32(0x803) + be32(2) + be32(1) + be32(1) + "ab");
        dqtest::writeBytes(d / "train-labels-idx1-ubyte", be32(0x801) + be32(2) + std::string{0, 3});
        const dq::DatasetBundle b = dq::openDataset("idx:" + d.string());
        QCOMPARE(b.name, std::string("digits"));
        QCOMPARE(b.train->classCount(), 4);
        QVERIFY(!b.test);
    }

    void imageFolder()
    {
        dqtest::writeBytes(at("pics/cls/one.pgm"), std::string("P5\n1 1\n255\n") + char(42));
        const dq::DatasetBundle b = dq::openDataset("imagefolder:" + at("pics").string());
        QCOMPARE(b.name, std::string("pics"));
        QCOMPARE(b.train->size(), std::int64_t(1));
        QCOMPARE(int(b.train->image(0).at(0, 0)), 42);
    }

    void npy()
    {
        dq::writeNpy(at("f.npy"), dq::NpyArray::fromVector<float>({1, 2, 3, 4}, {2, 2}));
        dq::writeNpy(at("l.npy"), dq::NpyArray::fromVector<std::int64_t>({1, 0}));
        const dq::DatasetBundle b = dq::openDataset("npy:" + at("f.npy").string() + "," + at("l.npy").string());
        QCOMPARE(b.name, std::string("f"));
        QCOMPARE(b.train->kind(), dq::SampleKind::Features);
        QCOMPARE(b.train->label(0), 1);
    }

    void cifar10Dispatched()
    {
        // Reaches the CIFAR-10 reader, whose error names the folder (not a usage error).
        const std::string missing = at("no-cifar").string();
        bool thrown = false;
        try {
            dq::openDataset("cifar10:" + missing);
        } catch (const dq::UsageError& e) {
            QFAIL(qPrintable(QString("a usage error: ") + e.what()));
        } catch (const dq::Error& e) {
            thrown = true;
            QVERIFY2(QString(e.what()).contains(QString::fromStdString(missing)), e.what());
        }
        QVERIFY(thrown);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QStringList>("fragments");
        const QStringList forms = {"fashion-mnist[:DIR]", "idx:DIR", "cifar10:DIR", "imagefolder:DIR",
                                   "npy:FEATURES.npy[,LABELS.npy]"};
        QTest::newRow("unknown prefix") << "nosuch:x" << (QStringList{"'nosuch:x'", "unknown dataset spec"} + forms);
        QTest::newRow("no prefix") << "/data/mnist" << (QStringList{"'/data/mnist'"} + forms);
        QTest::newRow("empty") << "" << (QStringList{"unknown dataset spec ''"} + forms);
        QTest::newRow("case matters") << "Fashion-MNIST" << QStringList{"'Fashion-MNIST'"};
        QTest::newRow("idx without dir") << "idx:" << QStringList{"idx:", "missing argument", "idx:DIR"};
        QTest::newRow("idx without colon") << "idx" << QStringList{"missing argument", "idx:DIR"};
        QTest::newRow("fashion-mnist empty dir") << "fashion-mnist:" << QStringList{"fashion-mnist:", "missing argument"};
        QTest::newRow("npy without files") << "npy:" << QStringList{"npy:", "npy:FEATURES.npy[,LABELS.npy]"};
        QTest::newRow("imagefolder without dir") << "imagefolder:" << QStringList{"imagefolder:DIR"};
        QTest::newRow("cifar10 without dir") << "cifar10:" << QStringList{"cifar10:DIR"};
    }
    void usageErrors()
    {
        QFETCH(QString, spec);
        QFETCH(QStringList, fragments);
        bool thrown = false;
        try {
            dq::openDataset(spec.toStdString());
        } catch (const dq::UsageError& e) {
            thrown = true;
            const QString msg = QString::fromStdString(e.what());
            QVERIFY2(!msg.contains('\n'), qPrintable(msg)); // one line on the CLI's stderr
            for (const QString& f : fragments)
                QVERIFY2(msg.contains(f), qPrintable("'" + msg + "' lacks '" + f + "'"));
        }
        QVERIFY(thrown);
    }

    void dataErrorsAreNotUsageErrors()
    {
        const QString missing = QString::fromStdString(at("nothing-here").string());
        try {
            dq::openDataset("idx:" + missing.toStdString());
            QFAIL("no error for a missing folder");
        } catch (const dq::UsageError& e) {
            QFAIL(qPrintable(QString("a usage error: ") + e.what()));
        } catch (const dq::Error& e) {
            QVERIFY2(QString(e.what()).contains(missing + ": no such folder"), e.what());
        }
    }

    void help()
    {
        const QString help = QString::fromStdString(dq::datasetSpecHelp());
        const QStringList lines = help.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 5);
        const QStringList forms = {"fashion-mnist[:DIR]", "idx:DIR", "cifar10:DIR", "imagefolder:DIR",
                                   "npy:FEATURES.npy[,LABELS.npy]"};
        for (int k = 0; k < lines.size(); ++k) {
            QVERIFY2(lines[k].startsWith("  " + forms[k] + " "), qPrintable(lines[k]));
            QVERIFY2(lines[k].mid(2 + forms[k].size()).trimmed().size() > 10, qPrintable(lines[k])); // a description
        }
        QVERIFY(help.contains("/usr/share/datasets/fashion-mnist"));
    }
};

QTEST_GUILESS_MAIN(TestDatasetSpec)
#include "tst_DatasetSpec.moc"
