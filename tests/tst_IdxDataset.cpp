// IdxDataset: the real Fashion-MNIST from Debian's package, and generated bad IDX files.
#include "TestSupport.h"

#include "common/Error.h"
#include "datasets/internal/IdxDataset.h"

#include <QTemporaryDir>
#include <QtTest>

#include <array>
#include <cstdint>
#include <numeric>

namespace fs = std::filesystem;

namespace {

std::string be32(std::uint32_t v) { return {char(v >> 24), char((v >> 16) & 0xff), char((v >> 8) & 0xff), char(v & 0xff)}; }

std::string idxImages(std::uint32_t n, std::uint32_t h, std::uint32_t w, std::uint8_t first = 0)
{
    std::string b = be32(0x803) + be32(n) + be32(h) + be32(w);
    for (std::uint32_t i = 0; i < n * h * w; ++i)
        b += char(std::uint8_t(first + i));
    return b;
}

std::string idxLabels(const std::vector<std::uint8_t>& labels)
{
    std::string b = be32(0x801) + be32(std::uint32_t(labels.size()));
    for (const auto l : labels)
        b += char(l);
    return b;
}

std::uint32_t crc32(const std::string& data)
{
    std::uint32_t crc = 0xffffffffu;
    for (const unsigned char c : data) {
        crc ^= c;
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

// A gzip member: qCompress's zlib stream without its 4-byte size, 2-byte header and Adler-32.
std::string gzip(const std::string& data)
{
    const QByteArray z = qCompress(QByteArray::fromStdString(data), 9);
    const std::string deflate = z.mid(6, z.size() - 10).toStdString();
    std::string out = {char(0x1f), char(0x8b), 8, 0, 0, 0, 0, 0, 0, char(0xff)};
    out += deflate;
    const std::uint32_t crc = crc32(data), size = std::uint32_t(data.size());
    for (int k = 0; k < 4; ++k)
        out += char((crc >> (8 * k)) & 0xff);
    for (int k = 0; k < 4; ++k)
        out += char((size >> (8 * k)) & 0xff);
    return out;
}

} // namespace

class TestIdxDataset : public QObject {
    Q_OBJECT

private:
    QTemporaryDir tmp_;
    fs::path dir(const char* name) const { return fs::path(tmp_.path().toStdString()) / name; }
    // A 5-image, 3 x 2 train split (labels 0 1 2 1 0) and a 2-image test split.
    void writeSmall(const fs::path& d, bool gz)
    {
        const auto put = [&](const std::string& file, const std::string& bytes) {
            dqtest::writeBytes(d / (file + (gz ? ".gz" : "")), gz ? gzip(bytes) : bytes);
        };
        put("train-images-idx3-ubyte", idxImages(5, 3, 2));
        put("train-labels-idx1-ubyte", idxLabels({0, 1, 2, 1, 0}));
        put("t10k-images-idx3-ubyte", idxImages(2, 3, 2, 100));
        put("t10k-labels-idx1-ubyte", idxLabels({2, 2}));
    }

private slots:
    void fashionMnistReal()
    {
        const dq::DatasetBundle b = dq::openFashionMnist({}, "fashion-mnist");
        QCOMPARE(b.name, std::string("FashionMNIST"));
        QVERIFY(b.train && b.test);
        QCOMPARE(b.train->size(), std::int64_t(60000));
        QCOMPARE(b.test->size(), std::int64_t(10000));
        QCOMPARE(b.train->split(), std::string("train"));
        QCOMPARE(b.test->split(), std::string("test"));
        QCOMPARE(b.train->classCount(), 10);
        QCOMPARE(b.train->classNames()[0], std::string("T-shirt/top"));
        QCOMPARE(b.train->classNames()[9], std::string("Ankle boot"));
        QCOMPARE(b.train->classCounts(), std::vector<std::int64_t>(10, 6000));
        QCOMPARE(b.test->classCounts(), std::vector<std::int64_t>(10, 1000));
        QVERIFY(b.train->imageShape() == (dq::ImageShape{28, 28, 1}));
        QVERIFY(b.train->fixedShape());
        QCOMPARE(b.train->kind(), dq::SampleKind::Image);
        // Values from numpy on the same files.
        QCOMPARE(b.train->label(0), 9);
        QCOMPARE(b.train->label(59999), 5);
        QCOMPARE(b.test->label(1), 2);
        const dq::Image img = b.train->image(0);
        QCOMPARE(img.height, 28);
        QCOMPARE(img.width, 28);
        QCOMPARE(img.channels, 1);
        QCOMPARE(img.pixels.size(), std::size_t(784));
        QCOMPARE(std::accumulate(img.pixels.begin(), img.pixels.end(), 0), 76247);
        QCOMPARE(int(img.at(14, 14)), 217);
        const dq::Image last = b.train->image(59999);
        QCOMPARE(std::accumulate(last.pixels.begin(), last.pixels.end(), 0), 16684);
        const dq::Image t0 = b.test->image(0);
        QCOMPARE(std::accumulate(t0.pixels.begin(), t0.pixels.end(), 0), 33456);

        const std::string fp = b.train->fingerprint();
        QCOMPARE(fp.size(), std::size_t(16));
        QVERIFY(fp.find_first_not_of("0123456789abcdef") == std::string::npos);
        QVERIFY(fp != b.test->fingerprint());
        const dq::DatasetBundle again = dq::openFashionMnist(dqtest::fashionMnistDir(), "fashion-mnist:x");
        QCOMPARE(again.train->fingerprint(), fp);
        QCOMPARE(again.test->fingerprint(), b.test->fingerprint());

        DQ_EXPECT_ERROR(b.train->image(60000), "60000", "out of range");
        DQ_EXPECT_ERROR(b.train->label(-1), "-1", "out of range");
    }

    void smallFolder_data()
    {
        QTest::addColumn<bool>("gz");
        QTest::newRow("raw") << false;
        QTest::newRow("gz") << true;
    }
    void smallFolder()
    {
        QFETCH(bool, gz);
        const fs::path d = dir(gz ? "small-gz" : "small-raw");
        writeSmall(d, gz);
        const dq::DatasetBundle b = dq::openIdxFolder(d, "idx:" + d.string());
        QCOMPARE(b.name, d.filename().string());
        QCOMPARE(b.spec, "idx:" + d.string());
        QCOMPARE(b.train->size(), std::int64_t(5));
        QVERIFY(b.test);
        QCOMPARE(b.test->size(), std::int64_t(2));
        QCOMPARE(b.train->classNames(), (std::vector<std::string>{"0", "1", "2"}));
        QCOMPARE(b.test->classNames(), b.train->classNames());
        QCOMPARE(b.train->labels(), (std::vector<int>{0, 1, 2, 1, 0}));
        QCOMPARE(b.train->classCounts(), (std::vector<std::int64_t>{2, 2, 1}));
        QVERIFY(b.train->imageShape() == (dq::ImageShape{3, 2, 1}));
        const dq::Image img = b.train->image(2);
        QCOMPARE(img.height, 3);
        QCOMPARE(img.width, 2);
        QCOMPARE(img.pixels, (std::vector<std::uint8_t>{12, 13, 14, 15, 16, 17}));
        QCOMPARE(int(img.at(2, 1)), 17);
        QCOMPARE(int(b.test->image(1).at(0, 0)), 106);
    }

    void rawAndGzipShareFingerprint()
    {
        writeSmall(dir("fp-raw"), false);
        writeSmall(dir("fp-gz"), true);
        const auto raw = dq::openIdxFolder(dir("fp-raw"), "r");
        const auto gz = dq::openIdxFolder(dir("fp-gz"), "g");
        QCOMPARE(raw.train->fingerprint(), gz.train->fingerprint());
        // One changed pixel changes it.
        dqtest::writeBytes(dir("fp-raw") / "train-images-idx3-ubyte", idxImages(5, 3, 2, 1));
        QVERIFY(dq::openIdxFolder(dir("fp-raw"), "r").train->fingerprint() != gz.train->fingerprint());
    }

    void dotSpellingAndNoTestSplit()
    {
        const fs::path d = dir("dotted");
        dqtest::writeBytes(d / "train-images.idx3-ubyte", idxImages(3, 2, 2));
        dqtest::writeBytes(d / "train-labels.idx1-ubyte.gz", gzip(idxLabels({0, 12, 3})));
        const dq::DatasetBundle b = dq::openIdxFolder(d, "idx:" + d.string());
        QVERIFY(!b.test);
        QCOMPARE(b.train->classCount(), 13); // max label + 1
        QCOMPARE(b.train->classNames().back(), std::string("12"));
        QCOMPARE(b.train->label(1), 12);
        DQ_EXPECT_ERROR(b.split("test"), "has no test split");
    }

    void labelsBeyondTheTenFashionClasses()
    {
        const fs::path d = dir("fashion-bad-label");
        dqtest::writeBytes(d / "train-images-idx3-ubyte", idxImages(3, 2, 2));
        dqtest::writeBytes(d / "train-labels-idx1-ubyte", idxLabels({0, 10, 3}));
        DQ_EXPECT_ERROR(dq::openFashionMnist(d, "fashion-mnist:" + d.string()), "train-labels-idx1-ubyte", "label 10",
                        "10 classes");
    }

    void badFiles_data()
    {
        QTest::addColumn<QString>("file"); // which file is replaced
        QTest::addColumn<QByteArray>("bytes"); // by what (gzipped when gz)
        QTest::addColumn<bool>("gz");
        QTest::addColumn<QStringList>("fragments");
        const auto bytes = [](const std::string& s) { return QByteArray::fromStdString(s); };
        const std::string images = idxImages(5, 3, 2);
        for (const bool gz : {false, true}) {
            const QString sfx = gz ? " gz" : " raw";
            QTest::newRow(qPrintable("truncated pixels" + sfx))
                << "train-images-idx3-ubyte" << bytes(images.substr(0, images.size() - 1)) << gz
                << QStringList{"train-images-idx3-ubyte", "truncated", "expected 30 bytes of pixels, found 29"};
            QTest::newRow(qPrintable("truncated header" + sfx))
                << "train-images-idx3-ubyte" << bytes(images.substr(0, 10)) << gz
                << QStringList{"train-images-idx3-ubyte", "truncated", "expected 16 bytes", "found 10"};
            QTest::newRow(qPrintable("tiny file" + sfx)) << "train-labels-idx1-ubyte" << bytes("ab") << gz
                                                         << QStringList{"train-labels-idx1-ubyte", "truncated", "found 2"};
            QTest::newRow(qPrintable("trailing bytes" + sfx))
                << "train-images-idx3-ubyte" << bytes(images + "xyz") << gz
                << QStringList{"train-images-idx3-ubyte", "3 unexpected bytes"};
            QTest::newRow(qPrintable("truncated labels" + sfx))
                << "train-labels-idx1-ubyte" << bytes(idxLabels({0, 1, 2, 1, 0}).substr(0, 11)) << gz
                << QStringList{"train-labels-idx1-ubyte", "truncated", "expected 5 bytes of labels, found 3"};
            QTest::newRow(qPrintable("wrong magic" + sfx))
                << "train-images-idx3-ubyte" << bytes(be32(0x802) + images.substr(4)) << gz
                << QStringList{"train-images-idx3-ubyte", "magic 0x00000802", "expected 0x00000803"};
            QTest::newRow(qPrintable("labels file as images" + sfx))
                << "train-images-idx3-ubyte" << bytes(idxLabels({0, 1, 2, 1, 0})) << gz
                << QStringList{"train-images-idx3-ubyte", "magic 0x00000801", "expected 0x00000803", "labels file"};
            QTest::newRow(qPrintable("images file as labels" + sfx))
                << "train-labels-idx1-ubyte" << bytes(images) << gz
                << QStringList{"train-labels-idx1-ubyte", "magic 0x00000803", "expected 0x00000801", "images file"};
            QTest::newRow(qPrintable("label count" + sfx))
                << "train-labels-idx1-ubyte" << bytes(idxLabels({0, 1, 2, 1})) << gz
                << QStringList{"train-labels-idx1-ubyte", "4 labels", "train-images-idx3-ubyte", "5 images"};
            QTest::newRow(qPrintable("test label count" + sfx))
                << "t10k-labels-idx1-ubyte" << bytes(idxLabels({1, 1, 1})) << gz
                << QStringList{"t10k-labels-idx1-ubyte", "3 labels", "t10k-images-idx3-ubyte", "2 images"};
            QTest::newRow(qPrintable("zero width" + sfx)) << "train-images-idx3-ubyte" << bytes(idxImages(5, 3, 0)) << gz
                                                          << QStringList{"train-images-idx3-ubyte", "image size 3 x 0"};
            QTest::newRow(qPrintable("huge header" + sfx))
                << "train-images-idx3-ubyte" << bytes(be32(0x803) + be32(0xffffffffu) + be32(60000) + be32(60000)) << gz
                << QStringList{"train-images-idx3-ubyte", "truncated", "found 0"};
            QTest::newRow(qPrintable("test size differs" + sfx))
                << "t10k-images-idx3-ubyte" << bytes(idxImages(2, 2, 3)) << gz
                << QStringList{"t10k-images-idx3-ubyte", "2 x 3", "3 x 2"};
        }
        const std::string z = gzip(images);
        QTest::newRow("truncated gzip stream") << "train-images-idx3-ubyte.gz" << bytes(z.substr(0, z.size() / 2)) << false
                                               << QStringList{"train-images-idx3-ubyte.gz", "gzip"};
    }
    void badFiles()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, bytes);
        QFETCH(bool, gz);
        QFETCH(QStringList, fragments);
        static int n = 0;
        const fs::path d = dir(("bad" + std::to_string(n++)).c_str());
        const bool gzFolder = gz || file.endsWith(".gz");
        writeSmall(d, gzFolder);
        const std::string name = file.toStdString() + (gz ? ".gz" : "");
        dqtest::writeBytes(d / name, gz ? gzip(bytes.toStdString()) : bytes.toStdString());
        bool thrown = false;
        try {
            dq::openIdxFolder(d, "idx:" + d.string());
        } catch (const dq::Error& e) {
            thrown = true;
            const QString msg = QString::fromStdString(e.what());
            QVERIFY2(msg.contains(QString::fromStdString((d / name).string())), qPrintable(msg));
            for (const QString& f : fragments)
                QVERIFY2(msg.contains(f), qPrintable("'" + msg + "' lacks '" + f + "'"));
        }
        QVERIFY(thrown);
    }

    void missingFiles()
    {
        // DQ_EXPECT_ERROR keeps const char* fragments: the strings must outlive it.
        const fs::path none = dir("does-not-exist");
        const std::string noneS = none.string();
        DQ_EXPECT_ERROR(dq::openIdxFolder(none, "idx:x"), noneS.c_str(), "no such folder");

        const fs::path empty = dir("empty");
        fs::create_directories(empty);
        const std::string emptyS = empty.string();
        DQ_EXPECT_ERROR(dq::openIdxFolder(empty, "idx:x"), emptyS.c_str(), "missing train-images-idx3-ubyte");

        const fs::path noLabels = dir("no-labels");
        dqtest::writeBytes(noLabels / "train-images-idx3-ubyte", idxImages(2, 2, 2));
        const std::string noLabelsS = noLabels.string();
        DQ_EXPECT_ERROR(dq::openIdxFolder(noLabels, "idx:x"), noLabelsS.c_str(), "missing train-labels-idx1-ubyte");

        // Half a test split is an error, not "no test split".
        const fs::path halfTest = dir("half-test");
        writeSmall(halfTest, false);
        fs::remove(halfTest / "t10k-labels-idx1-ubyte");
        const std::string halfTestS = halfTest.string();
        DQ_EXPECT_ERROR(dq::openIdxFolder(halfTest, "idx:x"), halfTestS.c_str(), "missing t10k-labels-idx1-ubyte");

        const fs::path noTest = dir("no-test");
        writeSmall(noTest, true);
        fs::remove(noTest / "t10k-labels-idx1-ubyte.gz");
        fs::remove(noTest / "t10k-images-idx3-ubyte.gz");
        QVERIFY(!dq::openIdxFolder(noTest, "idx:x").test);

        const fs::path file = dir("a-file");
        dqtest::writeBytes(file, "x");
        const std::string fileS = file.string();
        DQ_EXPECT_ERROR(dq::openIdxFolder(file, "idx:x"), fileS.c_str(), "not a folder");
    }

    void singleFiles()
    {
        const fs::path d = dir("single");
        writeSmall(d, false);
        const auto ds = dq::IdxDataset::open(d / "t10k-images-idx3-ubyte", d / "t10k-labels-idx1-ubyte", "test");
        QCOMPARE(ds->size(), std::int64_t(2));
        QCOMPARE(ds->classCount(), 3);
        QCOMPARE(ds->pixels().size(), std::size_t(12));
        DQ_EXPECT_ERROR(dq::IdxDataset::open(d / "t10k-images-idx3-ubyte", d / "t10k-labels-idx1-ubyte", "test", {"a", "b"}),
                        "t10k-labels-idx1-ubyte", "label 2", "2 classes");
        DQ_EXPECT_ERROR(dq::readIdxLabels(d / "nope"), "nope", "not found");
    }
};

QTEST_GUILESS_MAIN(TestIdxDataset)
#include "tst_IdxDataset.moc"
