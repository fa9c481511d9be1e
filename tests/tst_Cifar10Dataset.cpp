// CIFAR-10 in both distributions, on the tiny fixture that
// tests/fixtures/make_cifar10_fixtures.py writes in every form with the same content
// (5 train batches of 8 images, 1 test batch of 8).
#include "TestSupport.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "datasets/internal/Cifar10Dataset.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = dqtest::fixturesDir() / "cifar10";
const fs::path kBin = kRoot / "cifar-10-batches-bin";
const fs::path kPy = kRoot / "cifar-10-batches-py";
const fs::path kPy3 = kRoot / "py3-protocol4";
const std::vector<std::string> kClasses = {"airplane", "automobile", "bird",  "cat",  "deer",
                                           "dog",      "frog",       "horse", "ship", "truck"};

void putLE(std::string& o, std::uint64_t v, int n)
{
    for (int i = 0; i < n; ++i)
        o += static_cast<char>((v >> (8 * i)) & 0xff);
}

// A batch laid out as make_cifar10_fixtures.py's py2_batch (Python 2 cPickle protocol 2),
// with labels, shape, dtype and raw data chosen by the test.
std::string py2Batch(const std::vector<int>& labels, std::int64_t rows, std::int64_t cols, const std::string& dtype,
                     const std::string& data)
{
    std::string o = "\x80\x02}q\x01(";
    const auto str = [&](const std::string& s) {
        if (s.size() < 256) {
            o += 'U';
            putLE(o, s.size(), 1);
        } else {
            o += 'T';
            putLE(o, s.size(), 4);
        }
        o += s;
    };
    const auto num = [&](std::int64_t v) {
        if (v >= 0 && v < 256) {
            o += 'K';
            putLE(o, static_cast<std::uint64_t>(v), 1);
        } else if (v >= 0 && v < 65536) {
            o += 'M';
            putLE(o, static_cast<std::uint64_t>(v), 2);
        } else {
            o += 'J';
            putLE(o, static_cast<std::uint64_t>(v), 4);
        }
    };
    str("data");
    o += "cnumpy.core.multiarray\n_reconstruct\ncnumpy\nndarray\n";
    num(0);
    o += '\x85';
    str("b");
    o += "\x87R(";
    num(1);
    num(rows);
    num(cols);
    o += '\x86';
    o += "cnumpy\ndtype\n";
    str(dtype);
    num(0);
    num(1);
    o += "\x87R(";
    num(3);
    str(dtype == "u1" ? "|" : "<");
    o += "NNN";
    num(-1);
    num(-1);
    num(0);
    o += "tb";
    o += '\x89';
    str(data);
    o += "tb";
    str("labels");
    o += "](";
    for (const int l : labels)
        num(l);
    o += "eu.";
    return o;
}

std::string pixels(std::size_t images, int seed = 0)
{
    std::string s(images * 3072, '\0');
    for (std::size_t i = 0; i < s.size(); ++i)
        s[i] = static_cast<char>((i * 7 + static_cast<std::size_t>(seed)) & 0xff);
    return s;
}

std::vector<int> eightLabels() { return {0, 1, 2, 3, 4, 5, 6, 7}; }

bool sameImage(const dq::Image& a, const dq::Image& b)
{
    return a.height == b.height && a.width == b.width && a.channels == b.channels && a.pixels == b.pixels;
}

void resize(const fs::path& p, std::uintmax_t size) { fs::resize_file(p, size); }

} // namespace

class TestCifar10Dataset : public QObject {
    Q_OBJECT

private slots:
    void opens_data();
    void opens();
    void formsHaveIdenticalContent();
    void pixelsAreInterleavedFromChwPlanes();
    void fingerprints();
    void parentFolderChoosesADistribution();
    void indexOutOfRange();
    void handWrittenBatchLoads();
    void badBinary_data();
    void badBinary();
    void badPython_data();
    void badPython();
    void notACifarFolder();

private:
    // A writable copy of a fixture folder under a temporary folder.
    fs::path copyOf(const fs::path& src, const QTemporaryDir& tmp)
    {
        const fs::path dst = fs::path(tmp.path().toStdString()) / src.filename();
        fs::copy(src, dst, fs::copy_options::recursive);
        return dst;
    }
};

void TestCifar10Dataset::opens_data()
{
    QTest::addColumn<QString>("dir");
    QTest::newRow("binary") << QString::fromStdString(kBin.string());
    QTest::newRow("python 2 cPickle") << QString::fromStdString(kPy.string());
    QTest::newRow("python 3 protocol 4") << QString::fromStdString(kPy3.string());
    QTest::newRow("parent folder") << QString::fromStdString(kRoot.string());
}

void TestCifar10Dataset::opens()
{
    QFETCH(QString, dir);
    const auto b = dq::openCifar10(dir.toStdString(), "cifar10:" + dir.toStdString());
    QCOMPARE(b.name, std::string("CIFAR10"));
    QCOMPARE(b.spec, "cifar10:" + dir.toStdString());
    QVERIFY(b.train && b.test);
    QCOMPARE(b.train->size(), std::int64_t{40});
    QCOMPARE(b.test->size(), std::int64_t{8});
    QCOMPARE(b.train->split(), std::string("train"));
    QCOMPARE(b.test->split(), std::string("test"));
    QCOMPARE(b.train->classNames(), kClasses);
    QCOMPARE(b.test->classNames(), kClasses);
    QVERIFY(b.train->imageShape() == (dq::ImageShape{32, 32, 3}));
    QVERIFY(b.train->fixedShape());
    QCOMPARE(b.train->kind(), dq::SampleKind::Image);
    const auto img = b.test->image(7);
    QCOMPARE(img.height, 32);
    QCOMPARE(img.width, 32);
    QCOMPARE(img.channels, 3);
    QCOMPARE(img.pixels.size(), std::size_t{3072});
    // The fixture's train labels: ((b * 8 + i) * 3 + 1) % 10, covering every class.
    for (std::int64_t i = 0; i < 40; ++i)
        QCOMPARE(b.train->label(i), static_cast<int>((i * 3 + 1) % 10));
    QCOMPARE(b.train->classCounts(), (std::vector<std::int64_t>(10, 4)));
    QCOMPARE(b.test->label(3), (3 * 7 + 2) % 10);
}

void TestCifar10Dataset::formsHaveIdenticalContent()
{
    const auto bin = dq::openCifar10(kBin, "bin");
    for (const auto& other : {kPy, kPy3}) {
        const auto py = dq::openCifar10(other, "py");
        for (const char* split : {"train", "test"}) {
            const auto a = bin.split(split);
            const auto b = py.split(split);
            QCOMPARE(b->size(), a->size());
            QCOMPARE(b->classNames(), a->classNames());
            QCOMPARE(b->labels(), a->labels());
            for (std::int64_t i = 0; i < a->size(); ++i)
                QVERIFY2(sameImage(a->image(i), b->image(i)),
                         qPrintable(QStringLiteral("%1 %2 image %3")
                                        .arg(QString::fromStdString(other.string()), QString::fromLatin1(split))
                                        .arg(i)));
        }
    }
}

void TestCifar10Dataset::pixelsAreInterleavedFromChwPlanes()
{
    const auto b = dq::openCifar10(kBin, "bin");
    struct Source {
        const char* file;
        std::shared_ptr<const dq::Dataset> split;
        std::int64_t first;
    };
    for (const Source& s : {Source{"data_batch_2.bin", b.train, 8}, Source{"test_batch.bin", b.test, 0}}) {
        const std::string raw = dq::readFileBytes(kBin / s.file);
        QCOMPARE(raw.size(), std::size_t{8 * 3073});
        int mismatches = 0;
        int differingChannels = 0;
        for (int j = 0; j < 8; ++j) {
            const char* rec = raw.data() + j * 3073;
            QCOMPARE(s.split->label(s.first + j), static_cast<int>(static_cast<unsigned char>(rec[0])));
            const dq::Image img = s.split->image(s.first + j);
            for (int y = 0; y < 32; ++y)
                for (int x = 0; x < 32; ++x) {
                    for (int c = 0; c < 3; ++c)
                        mismatches += img.at(y, x, c) != static_cast<unsigned char>(rec[1 + c * 1024 + y * 32 + x]);
                    differingChannels += img.at(y, x, 0) != img.at(y, x, 1);
                }
        }
        QCOMPARE(mismatches, 0);
        QVERIFY(differingChannels > 1000); // the check above can tell R from G
    }
}

void TestCifar10Dataset::fingerprints()
{
    const auto bin1 = dq::openCifar10(kBin, "a");
    const auto bin2 = dq::openCifar10(kBin, "b");
    const auto py = dq::openCifar10(kPy, "c");
    const auto py3 = dq::openCifar10(kPy3, "d");
    QCOMPARE(bin1.train->fingerprint().size(), std::size_t{16});
    QCOMPARE(bin1.train->fingerprint(), bin2.train->fingerprint());
    QCOMPARE(bin1.test->fingerprint(), bin2.test->fingerprint());
    QVERIFY(bin1.train->fingerprint() != bin1.test->fingerprint());
    QVERIFY(bin1.train->fingerprint() != py.train->fingerprint());
    QVERIFY(bin1.test->fingerprint() != py.test->fingerprint());
    QVERIFY(py.train->fingerprint() != py3.train->fingerprint());
    QCOMPARE(dq::openCifar10(kPy, "e").train->fingerprint(), py.train->fingerprint());
}

void TestCifar10Dataset::parentFolderChoosesADistribution()
{
    // Both subfolders: the binary one is read.
    QCOMPARE(dq::openCifar10(kRoot, "x").train->fingerprint(), dq::openCifar10(kBin, "x").train->fingerprint());
    // Only the Python one.
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    copyOf(kPy, tmp);
    QCOMPARE(dq::openCifar10(tmp.path().toStdString(), "x").test->fingerprint(),
             dq::openCifar10(kPy, "x").test->fingerprint());
}

void TestCifar10Dataset::indexOutOfRange()
{
    const auto b = dq::openCifar10(kBin, "bin");
    DQ_EXPECT_ERROR(b.test->image(8), "CIFAR10 test", "sample 8 out of range [0, 8)");
    DQ_EXPECT_ERROR(b.train->label(-1), "CIFAR10 train", "sample -1 out of range");
}

void TestCifar10Dataset::handWrittenBatchLoads()
{
    // The control for badPython: the test's own batch writer makes batches that load.
    QTemporaryDir tmp;
    const fs::path dir = copyOf(kPy, tmp);
    dqtest::writeBytes(dir / "data_batch_1", py2Batch(eightLabels(), 8, 3072, "u1", pixels(8, 3)));
    const auto b = dq::openCifar10(dir, "x");
    QCOMPARE(b.train->size(), std::int64_t{40});
    QCOMPARE(b.train->label(5), 5);
    const std::string src = pixels(8, 3);
    const auto img = b.train->image(2);
    QCOMPARE(img.at(3, 4, 2), static_cast<std::uint8_t>(src[2 * 3072 + 2 * 1024 + 3 * 32 + 4]));
}

void TestCifar10Dataset::badBinary_data()
{
    QTest::addColumn<QString>("breakage");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("problem");
    QTest::newRow("truncated batch") << "truncate"
                                     << "data_batch_2.bin"
                                     << "size 24484 bytes is not a whole number of 3073-byte records";
    QTest::newRow("empty batch") << "empty"
                                 << "test_batch.bin"
                                 << "size 0 bytes is not a whole number";
    QTest::newRow("missing batch") << "remove"
                                   << "data_batch_3.bin"
                                   << "missing CIFAR-10 file";
    QTest::newRow("missing test batch") << "remove"
                                        << "test_batch.bin"
                                        << "missing CIFAR-10 file";
    QTest::newRow("missing meta") << "remove"
                                  << "batches.meta.txt"
                                  << "missing CIFAR-10 file";
    QTest::newRow("label out of range") << "label12"
                                        << "data_batch_4.bin"
                                        << "record 2: label 12 out of range [0, 10)";
    QTest::newRow("blank class names") << "blank"
                                       << "batches.meta.txt"
                                       << "no class names";
    QTest::newRow("too few class names") << "five"
                                         << "data_batch_1.bin"
                                         << "record 2: label 7 out of range [0, 5)";
}

void TestCifar10Dataset::badBinary()
{
    QFETCH(QString, breakage);
    QFETCH(QString, file);
    QFETCH(QString, problem);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path dir = copyOf(kBin, tmp);
    const fs::path target = dir / file.toStdString();
    if (breakage == "truncate") {
        resize(target, 24584 - 100);
    } else if (breakage == "empty") {
        resize(target, 0);
    } else if (breakage == "remove") {
        fs::remove(target);
    } else if (breakage == "label12") {
        std::string bytes = dq::readFileBytes(target);
        bytes[2 * 3073] = 12;
        dqtest::writeBytes(target, bytes);
    } else if (breakage == "blank") {
        dqtest::writeBytes(target, "\n  \n\n");
    } else if (breakage == "five") {
        dqtest::writeBytes(dir / "batches.meta.txt", "airplane\nautomobile\nbird\ncat\ndeer\n");
    }
    const std::string where = target.string() + ": ";
    const std::string what = problem.toStdString();
    // Opened through the parent folder, as `dq info --dataset cifar10:DIR` would.
    DQ_EXPECT_ERROR(dq::openCifar10(dir.parent_path(), "x"), where.c_str(), what.c_str());
}

void TestCifar10Dataset::badPython_data()
{
    QTest::addColumn<QString>("breakage");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("problem");
    QTest::newRow("label count != image count") << "7labels"
                                                << "data_batch_1"
                                                << "7 labels for 8 images";
    QTest::newRow("label out of range") << "label10"
                                        << "data_batch_2"
                                        << "labels[3] = 10 out of range [0, 10)";
    QTest::newRow("negative label") << "label-1"
                                    << "data_batch_2"
                                    << "labels[3] = -1 out of range [0, 10)";
    QTest::newRow("wrong data shape") << "shape"
                                      << "data_batch_3"
                                      << "'data' has shape (8, 1024), expected (N, 3072)";
    QTest::newRow("wrong dtype") << "float32"
                                 << "data_batch_4"
                                 << "'data' has dtype float32, expected uint8";
    QTest::newRow("data shorter than shape") << "short"
                                             << "test_batch"
                                             << "numpy array data has 100 bytes, but shape (8, 3072) of uint8 needs 24576";
    QTest::newRow("missing batch") << "remove"
                                   << "data_batch_4"
                                   << "missing CIFAR-10 file";
    QTest::newRow("missing meta") << "remove"
                                  << "batches.meta"
                                  << "missing CIFAR-10 file";
    QTest::newRow("malicious pickle") << "malicious"
                                      << "data_batch_5"
                                      << "refused pickle global posix.system (only numpy array reconstruction is allowed)";
    QTest::newRow("truncated pickle") << "halve"
                                      << "test_batch"
                                      << "truncated";
    QTest::newRow("not a dict") << "list"
                                << "data_batch_1"
                                << "expected a pickled dict, found list";
    QTest::newRow("no labels") << "emptydict"
                               << "data_batch_1"
                               << "the pickled dict has no 'labels' entry";
    QTest::newRow("meta without names") << "emptydict"
                                        << "batches.meta"
                                        << "no 'label_names' entry";
}

void TestCifar10Dataset::badPython()
{
    QFETCH(QString, breakage);
    QFETCH(QString, file);
    QFETCH(QString, problem);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path dir = copyOf(kPy, tmp);
    const fs::path target = dir / file.toStdString();
    std::vector<int> labels = eightLabels();
    if (breakage == "7labels") {
        labels.pop_back();
        dqtest::writeBytes(target, py2Batch(labels, 8, 3072, "u1", pixels(8)));
    } else if (breakage == "label10" || breakage == "label-1") {
        labels[3] = breakage == "label10" ? 10 : -1;
        dqtest::writeBytes(target, py2Batch(labels, 8, 3072, "u1", pixels(8)));
    } else if (breakage == "shape") {
        dqtest::writeBytes(target, py2Batch(labels, 8, 1024, "u1", std::string(8 * 1024, 'x')));
    } else if (breakage == "float32") {
        dqtest::writeBytes(target, py2Batch(labels, 8, 3072, "f4", pixels(32)));
    } else if (breakage == "short") {
        dqtest::writeBytes(target, py2Batch(labels, 8, 3072, "u1", std::string(100, 'x')));
    } else if (breakage == "remove") {
        fs::remove(target);
    } else if (breakage == "malicious") {
        fs::copy_file(kRoot / "malicious.pickle", target, fs::copy_options::overwrite_existing);
    } else if (breakage == "halve") {
        resize(target, fs::file_size(target) / 2);
    } else if (breakage == "list") {
        dqtest::writeBytes(target, std::string("\x80\x02]q\x01.", 6));
    } else if (breakage == "emptydict") {
        dqtest::writeBytes(target, std::string("\x80\x02}q\x01.", 6));
    }
    const std::string where = target.string() + ": ";
    const std::string what = problem.toStdString();
    DQ_EXPECT_ERROR(dq::openCifar10(dir, "x"), where.c_str(), what.c_str());
}

void TestCifar10Dataset::notACifarFolder()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const std::string empty = tmp.path().toStdString();
    const std::string notCifar = empty + ": not a CIFAR-10 folder";
    DQ_EXPECT_ERROR(dq::openCifar10(empty, "x"), notCifar.c_str(), "cifar-10-batches-bin/");
    const std::string missing = empty + "/nowhere";
    const std::string noSuch = missing + ": does not exist";
    DQ_EXPECT_ERROR(dq::openCifar10(missing, "x"), noSuch.c_str());
}

QTEST_APPLESS_MAIN(TestCifar10Dataset)
#include "tst_Cifar10Dataset.moc"
