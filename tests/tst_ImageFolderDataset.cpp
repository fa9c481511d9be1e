// ImageFolderDataset: small trees of hand-written PGM/PPM/PNG files (tests do not link
// OpenCV or QtGui), checked pixel by pixel and against torchvision's ordering rule.
#include "TestSupport.h"

#include "common/Error.h"
#include "datasets/internal/ImageFolderDataset.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <thread>

namespace fs = std::filesystem;

namespace {

// Binary PGM (channels 1) or PPM (channels 3); maxval 65535 takes big-endian 16-bit samples.
std::string pnm(int w, int h, int channels, const std::vector<int>& samples, int maxval = 255)
{
    std::string out = std::string(channels == 1 ? "P5" : "P6") + "\n" + std::to_string(w) + " " + std::to_string(h) + "\n" +
                      std::to_string(maxval) + "\n";
    for (const int v : samples) {
        if (maxval > 255)
            out += char(v >> 8);
        out += char(v & 0xff);
    }
    return out;
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

std::string be32(std::uint32_t v) { return {char(v >> 24), char((v >> 16) & 0xff), char((v >> 8) & 0xff), char(v & 0xff)}; }

std::string pngChunk(const std::string& type, const std::string& data)
{
    return be32(std::uint32_t(data.size())) + type + data + be32(crc32(type + data));
}

// An 8-bit RGBA PNG (colour type 6); the IDAT is qCompress's zlib stream minus its size prefix.
std::string pngRgba(int w, int h, const std::vector<int>& rgba)
{
    std::string raw;
    for (int y = 0; y < h; ++y) {
        raw += char(0); // filter: none
        for (int i = 0; i < w * 4; ++i)
            raw += char(rgba[std::size_t(y * w * 4 + i)]);
    }
    const QByteArray z = qCompress(QByteArray::fromStdString(raw)).mid(4);
    const std::string ihdr = be32(std::uint32_t(w)) + be32(std::uint32_t(h)) + std::string{8, 6, 0, 0, 0};
    return std::string("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", ihdr) + pngChunk("IDAT", z.toStdString()) +
           pngChunk("IEND", "");
}

std::vector<std::string> relativeFiles(const dq::ImageFolderDataset& d)
{
    std::vector<std::string> out;
    for (std::int64_t i = 0; i < d.size(); ++i)
        out.push_back(d.file(i).lexically_relative(d.root()).generic_string());
    return out;
}

} // namespace

class TestImageFolderDataset : public QObject {
    Q_OBJECT

private:
    QTemporaryDir tmp_;
    fs::path at(const std::string& rel) const { return fs::path(tmp_.path().toStdString()) / rel; }
    void put(const std::string& rel, const std::string& bytes) { dqtest::writeBytes(at(rel), bytes); }

    // classes B, a, b (byte-wise order B < a < b); nested folders, ignored files, a link.
    fs::path writeTree()
    {
        put("tree/B/one.ppm", pnm(2, 1, 3, {255, 0, 0, 10, 20, 30}));
        put("tree/a/x.pgm", pnm(2, 3, 1, {0, 1, 2, 3, 4, 5}));
        put("tree/a/Z.PGM", pnm(1, 1, 1, {7}));
        put("tree/a/sub/y.pgm", pnm(1, 1, 1, {8}));
        put("tree/a/sub b/w.pgm", pnm(1, 1, 1, {9}));
        put("tree/a/sub/deeper/v16.pgm", pnm(2, 1, 1, {65535, 25700}, 65535));
        put("tree/a/README.txt", "not an image");
        put("tree/a/x.pgm.txt", "not an image either");
        put("tree/b/rgba.png", pngRgba(2, 1, {1, 2, 3, 255, 40, 50, 60, 0}));
        put("tree/b/broken.png", "\x89PNG\r\n\x1a\ngarbage, not a PNG");
        put("tree/b/empty.jpg", "");
        put("tree/README.txt", "a file beside the class folders is ignored");
        fs::create_directory_symlink("../B", at("tree/b/linked"));
        return at("tree");
    }

private slots:
    void treeOrderLabelsAndPixels()
    {
        const fs::path root = writeTree();
        const dq::ImageFolderDataset d(root, "train");
        QCOMPARE(d.classNames(), (std::vector<std::string>{"B", "a", "b"}));
        // torchvision: folders sorted by path ("a" < "a/sub" < "a/sub b" < "a/sub/deeper"),
        // then names within a folder ("Z.PGM" < "x.pgm"); links followed.
        const std::vector<std::string> expected = {"B/one.ppm",       "a/Z.PGM",       "a/x.pgm",
                                                   "a/sub/y.pgm",     "a/sub b/w.pgm", "a/sub/deeper/v16.pgm",
                                                   "b/broken.png",    "b/empty.jpg",   "b/rgba.png",
                                                   "b/linked/one.ppm"};
        QCOMPARE(relativeFiles(d), expected);
        QCOMPARE(d.labels(), (std::vector<int>{0, 1, 1, 1, 1, 1, 2, 2, 2, 2}));
        QCOMPARE(d.classCounts(), (std::vector<std::int64_t>{1, 5, 4}));
        QCOMPARE(d.split(), std::string("train"));
        QVERIFY(!d.fixedShape());
        QVERIFY(d.imageShape() == (dq::ImageShape{1, 2, 3}));

        const dq::Image rgb = d.image(0); // PPM: RGB order kept
        QCOMPARE(rgb.channels, 3);
        QCOMPARE(rgb.pixels, (std::vector<std::uint8_t>{255, 0, 0, 10, 20, 30}));
        const dq::Image gray = d.image(2);
        QCOMPARE(gray.height, 3);
        QCOMPARE(gray.width, 2);
        QCOMPARE(gray.channels, 1);
        QCOMPARE(gray.pixels, (std::vector<std::uint8_t>{0, 1, 2, 3, 4, 5}));
        QCOMPARE(int(gray.at(2, 1)), 5);
        QCOMPARE(d.image(1).pixels, std::vector<std::uint8_t>{7});
        const dq::Image sixteen = d.image(5); // 16-bit: v / 257
        QCOMPARE(sixteen.channels, 1);
        QCOMPARE(sixteen.pixels, (std::vector<std::uint8_t>{255, 100}));
        const dq::Image rgba = d.image(8); // BGRA from OpenCV -> RGB, alpha dropped
        QCOMPARE(rgba.channels, 3);
        QCOMPARE(rgba.pixels, (std::vector<std::uint8_t>{1, 2, 3, 40, 50, 60}));
        QCOMPARE(d.image(9).pixels, rgb.pixels); // through the link

        const std::string broken = (root / "b/broken.png").string();
        DQ_EXPECT_ERROR(d.image(6), broken.c_str(), "cannot decode image");
        const std::string empty = (root / "b/empty.jpg").string();
        DQ_EXPECT_ERROR(d.image(7), empty.c_str(), "cannot decode image");
        DQ_EXPECT_ERROR(d.image(10), "10", "out of range");
        DQ_EXPECT_ERROR(d.label(-1), "-1", "out of range");
    }

    // The same rule computed by Python's os.walk and sorted(), as torchvision's make_dataset does.
    void orderMatchesPythonWalk()
    {
        const fs::path root = at("tree");
        if (!fs::exists(root))
            writeTree();
        const char* script = "import os,sys\n"
                             "root=sys.argv[1]\n"
                             "ext=('.jpg','.jpeg','.png','.ppm','.bmp','.pgm','.tif','.tiff','.webp')\n"
                             "classes=sorted(e.name for e in os.scandir(root) if e.is_dir())\n"
                             "for c in classes:\n"
                             "  for r,_,fs in sorted(os.walk(os.path.join(root,c),followlinks=True)):\n"
                             "    for f in sorted(fs):\n"
                             "      if f.lower().endswith(ext): print(os.path.relpath(os.path.join(r,f),root))\n";
        QProcess py;
        py.start("/usr/bin/python3", {"-c", script, QString::fromStdString(root.string())});
        if (!py.waitForStarted())
            QSKIP("/usr/bin/python3 is not available");
        QVERIFY(py.waitForFinished(30000));
        QCOMPARE(py.exitCode(), 0);
        std::vector<std::string> expected;
        for (const QString& line : QString::fromUtf8(py.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts))
            expected.push_back(line.toStdString());
        QCOMPARE(relativeFiles(dq::ImageFolderDataset(root, "train")), expected);
    }

    void concurrentDecoding()
    {
        const fs::path root = at("tree");
        if (!fs::exists(root))
            writeTree();
        const dq::ImageFolderDataset d(root, "train");
        const std::vector<std::uint8_t> want = d.image(2).pixels;
        std::atomic<int> bad{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&] {
                for (int k = 0; k < 50; ++k)
                    if (d.image(2).pixels != want || d.imageShape().channels != 3)
                        ++bad;
            });
        for (auto& t : threads)
            t.join();
        QCOMPARE(bad.load(), 0);
    }

    void fingerprint()
    {
        put("fp/c1/a.pgm", pnm(1, 1, 1, {1}));
        put("fp/c2/b.pgm", pnm(1, 1, 1, {2}));
        const std::string f0 = dq::ImageFolderDataset(at("fp"), "train").fingerprint();
        QCOMPARE(f0.size(), std::size_t(16));
        QVERIFY(f0.find_first_not_of("0123456789abcdef") == std::string::npos);
        QCOMPARE(dq::ImageFolderDataset(at("fp"), "train").fingerprint(), f0);
        put("fp/c2/b.pgm", pnm(1, 1, 1, {3})); // same size, other bytes
        const std::string f1 = dq::ImageFolderDataset(at("fp"), "train").fingerprint();
        QVERIFY(f1 != f0);
        put("fp/c2/c.pgm", pnm(1, 1, 1, {3}));
        QVERIFY(dq::ImageFolderDataset(at("fp"), "train").fingerprint() != f1);
    }

    void badTrees()
    {
        put("emptyclass/cat/x.pgm", pnm(1, 1, 1, {1}));
        put("emptyclass/dog/README.txt", "only text");
        const std::string dog = at("emptyclass/dog").string();
        DQ_EXPECT_ERROR(dq::ImageFolderDataset(at("emptyclass"), "train"), dog.c_str(), "no images", ".jpg", ".png",
                        ".webp");

        put("noclasses/x.pgm", pnm(1, 1, 1, {1}));
        const std::string noclasses = at("noclasses").string();
        DQ_EXPECT_ERROR(dq::ImageFolderDataset(at("noclasses"), "train"), noclasses.c_str(), "no class folders");

        const std::string missing = at("missing").string();
        DQ_EXPECT_ERROR(dq::openImageFolder(at("missing"), "imagefolder:x"), missing.c_str(), "no such folder");
        const std::string file = at("noclasses/x.pgm").string();
        DQ_EXPECT_ERROR(dq::openImageFolder(file, "imagefolder:x"), file.c_str(), "not a folder");
    }

    void splitLayouts()
    {
        put("tv/train/cat/1.pgm", pnm(1, 1, 1, {1}));
        put("tv/train/dog/2.pgm", pnm(1, 1, 1, {2}));
        put("tv/train/emu/3.pgm", pnm(1, 1, 1, {3}));
        put("tv/val/dog/4.pgm", pnm(1, 1, 1, {4})); // val lacks cat and emu: labels still train's
        put("tv/test/cat/5.pgm", pnm(1, 1, 1, {5})); // val is preferred over test
        dq::DatasetBundle b = dq::openImageFolder(at("tv/"), "imagefolder:tv");
        QCOMPARE(b.name, std::string("tv"));
        QCOMPARE(b.spec, std::string("imagefolder:tv"));
        QVERIFY(b.test);
        QCOMPARE(b.train->size(), std::int64_t(3));
        QCOMPARE(b.test->size(), std::int64_t(1));
        QCOMPARE(b.test->split(), std::string("test"));
        QCOMPARE(b.test->classNames(), (std::vector<std::string>{"cat", "dog", "emu"}));
        QCOMPARE(b.test->label(0), 1);
        QCOMPARE(b.test->image(0).pixels, std::vector<std::uint8_t>{4});

        put("tt/train/cat/1.pgm", pnm(1, 1, 1, {1}));
        put("tt/test/cat/2.pgm", pnm(1, 1, 1, {2}));
        b = dq::openImageFolder(at("tt"), "s");
        QVERIFY(b.test);
        QCOMPARE(b.test->image(0).pixels, std::vector<std::uint8_t>{2});

        put("trainonly/train/cat/1.pgm", pnm(1, 1, 1, {1}));
        b = dq::openImageFolder(at("trainonly"), "s");
        QVERIFY(!b.test);
        QCOMPARE(b.train->classNames(), std::vector<std::string>{"cat"});

        // No val/test and another folder beside train: DIR itself holds the classes.
        put("plain/train/cat/1.pgm", pnm(1, 1, 1, {1}));
        put("plain/zebra/2.pgm", pnm(1, 1, 1, {2}));
        b = dq::openImageFolder(at("plain"), "s");
        QVERIFY(!b.test);
        QCOMPARE(b.train->classNames(), (std::vector<std::string>{"train", "zebra"}));
        QCOMPARE(b.train->size(), std::int64_t(2));

        put("unknownval/train/cat/1.pgm", pnm(1, 1, 1, {1}));
        put("unknownval/val/cow/2.pgm", pnm(1, 1, 1, {2}));
        const std::string cow = at("unknownval/val/cow").string();
        DQ_EXPECT_ERROR(dq::openImageFolder(at("unknownval"), "s"), cow.c_str(), "not one of the train classes");
    }
};

QTEST_GUILESS_MAIN(TestImageFolderDataset)
#include "tst_ImageFolderDataset.moc"
