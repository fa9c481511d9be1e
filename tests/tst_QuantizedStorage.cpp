// QuantizedWriter / QuantizedReader: round trips of Fashion-MNIST images and synthetic
// RGB ones (uint8 and uint16 patch ids), numpy and zlib reading the files, the byte
// accounting, atomicity, version 1 folders, and the reader's checks on damaged folders
// and streams.
#include "pixel/internal/QuantizedReader.h"
#include "pixel/internal/QuantizedWriter.h"

#include "common/Error.h"
#include "datasets/DatasetSpec.h"
#include "io/Npy.h"
#include "TestSupport.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <random>

namespace fs = std::filesystem;
using namespace dq;

namespace {

std::int64_t folderBytes(const fs::path& dir)
{
    std::int64_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file())
            n += static_cast<std::int64_t>(e.file_size());
    return n;
}

std::vector<int> randomKept(std::mt19937& rng, int patches, int keep)
{
    std::vector<float> scores(static_cast<std::size_t>(patches));
    std::uniform_real_distribution<float> u(0.f, 1.f);
    for (float& s : scores)
        s = u(rng);
    return keepHighestScores(scores.data(), patches, keep);
}

Image randomRgb(std::mt19937& rng, int h, int w)
{
    Image img{h, w, 3, {}};
    img.pixels.resize(static_cast<std::size_t>(h) * w * 3);
    for (auto& p : img.pixels)
        p = static_cast<std::uint8_t>(rng() & 0xff);
    return img;
}

} // namespace

class TestQuantizedStorage : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    DatasetBundle fmnist_;

    fs::path at(const std::string& rel) const { return fs::path(tmp_.path().toStdString()) / rel; }

    QuantizedHeader fmnistHeader(const PatchGrid& grid, double maskRatio) const
    {
        QuantizedHeader h;
        h.datasetSpec = fmnist_.spec;
        h.datasetName = fmnist_.name;
        h.fingerprint = fmnist_.train->fingerprint();
        h.split = "train";
        h.datasetSize = fmnist_.train->size();
        h.shape = fmnist_.train->imageShape();
        h.grid = grid;
        h.maskRatio = maskRatio;
        h.classNames = fmnist_.train->classNames();
        return h;
    }

    // 40 Fashion-MNIST images at scattered indices, 75% of a 7 x 7 grid of 4-pixel patches dropped.
    QuantizedSummary writeFmnist(const fs::path& dir, const PatchGrid& grid, std::vector<std::int64_t>* indices = nullptr,
                                 std::vector<std::vector<int>>* kept = nullptr)
    {
        QuantizedWriter w(dir, fmnistHeader(grid, 0.75));
        std::mt19937 rng(7);
        const int k = keptPatchCount(grid.count(), 0.75);
        for (int j = 0; j < 40; ++j) {
            const std::int64_t index = (j * 1499 + 3) % fmnist_.train->size();
            const std::vector<int> ids = randomKept(rng, grid.count(), k);
            w.add(index, fmnist_.train->label(index), ids, fmnist_.train->image(index));
            if (indices)
                indices->push_back(index);
            if (kept)
                kept->push_back(ids);
        }
        return w.commit();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        fmnist_ = openDataset("fashion-mnist:" + dqtest::fashionMnistDir().string());
    }

    void roundTripFashionMnist_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("patchSize");
        QTest::newRow("7x7 of 4 (exact blocks)") << 7 << 4;
        QTest::newRow("14x14 of 16 (224 work size)") << 14 << 16;
    }

    void roundTripFashionMnist()
    {
        QFETCH(int, rows);
        QFETCH(int, patchSize);
        const PatchGrid grid{rows, rows, patchSize};
        const fs::path dir = at("fmnist" + std::to_string(rows));
        std::vector<std::int64_t> indices;
        std::vector<std::vector<int>> kept;
        const QuantizedSummary s = writeFmnist(dir, grid, &indices, &kept);
        const int k = keptPatchCount(grid.count(), 0.75);

        const QuantizedReader r(dir);
        QCOMPARE(r.count(), std::int64_t(40));
        QCOMPARE(r.header().datasetName, fmnist_.name);
        QCOMPARE(r.header().fingerprint, fmnist_.train->fingerprint());
        QCOMPARE(r.header().datasetSize, std::int64_t(60000));
        QVERIFY(r.header().shape == (ImageShape{28, 28, 1}));
        QVERIFY(r.header().grid == grid);
        QCOMPARE(r.header().keptPerImage, k);
        QCOMPARE(r.header().maskRatio, 0.75);
        QCOMPARE(r.header().classNames, fmnist_.train->classNames());
        QVERIFY(r.header().created.size() == 20 && r.header().created.back() == 'Z');

        std::int64_t keptPixels = 0;
        for (std::int64_t i = 0; i < r.count(); ++i) {
            const std::int64_t index = indices[static_cast<std::size_t>(i)];
            QCOMPARE(r.index(i), index);
            QCOMPARE(r.label(i), fmnist_.train->label(index));
            QCOMPARE(r.keptIds(i), kept[static_cast<std::size_t>(i)]);
            const std::vector<std::uint8_t> mask = keptPixelMask(grid, 28, 28, kept[static_cast<std::size_t>(i)]);
            QCOMPARE(r.pixelMask(i), mask);
            const Image original = fmnist_.train->image(index);
            const Image partial = r.partialImage(i);
            QCOMPARE(partial.height, 28);
            QCOMPARE(partial.channels, 1);
            for (std::size_t p = 0; p < mask.size(); ++p)
                QCOMPARE(partial.pixels[p], mask[p] ? original.pixels[p] : std::uint8_t(0));
            keptPixels += std::count(mask.begin(), mask.end(), 1);
        }
        QCOMPARE(s.count, std::int64_t(40));
        QCOMPARE(s.originalBytes, std::int64_t(40 * 784));
        QCOMPARE(s.keptPixelBytes, keptPixels);
        QCOMPARE(s.payloadBytes, static_cast<std::int64_t>(fs::file_size(dir / "pixels.zlib")) + 40 * k);
        QVERIFY(s.payloadBytes < s.keptPixelBytes + 40 * k); // the compression saves something
        QCOMPARE(s.keepRatio, double(keptPixels) / (40.0 * 784));
        if (patchSize == 4)
            QCOMPARE(s.keepRatio, double(k) / 49); // exact blocks: pixels kept = patches kept
        QCOMPARE(s.storedBytes, folderBytes(dir));
        QCOMPARE(r.summary().storedBytes, s.storedBytes);
        QCOMPARE(r.summary().payloadBytes, s.payloadBytes);
        QCOMPARE(r.summary().originalBytes, s.originalBytes);
        QVERIFY(s.storedBytes < s.originalBytes);
        const std::string where = dir.string();
        DQ_EXPECT_ERROR(r.partialImage(40), where.c_str(), "image 40", "out of range");
    }

    // numpy reads every file with the dtypes and shapes of the format.
    void numpyReadsTheFiles()
    {
        const fs::path dir = at("fmnist7");
        if (!fs::exists(dir))
            writeFmnist(dir, {7, 7, 4});
        const char* script =
            "import sys, json, numpy as np\n"
            "d = sys.argv[1]\n"
            "m = json.load(open(d + '/meta.json'))\n"
            "i = np.load(d + '/indices.npy'); l = np.load(d + '/labels.npy')\n"
            "import zlib\n"
            "k = np.load(d + '/kept_patches.npy'); s = np.load(d + '/pixel_streams.npy')\n"
            "z = open(d + '/pixels.zlib', 'rb').read(); o = np.concatenate([[0], np.cumsum(s)])\n"
            "p = [np.frombuffer(zlib.decompress(z[o[j]:o[j + 1]]), np.uint8) for j in range(len(s))]\n"
            "print(m['format'], m['version'], m['pixels_codec'], m['count'], i.dtype, i.shape, l.dtype, l.shape, k.dtype, k.shape, s.dtype, s.shape)\n"
            "print(sum(x.size for x in p) == m['bytes']['kept_pixels'], all(x.size == 12 * 16 for x in p), int(i[0]), int(k[0].max()) < 49)\n";
        QProcess py;
        py.start("/usr/bin/python3", {"-c", script, QString::fromStdString(dir.string())});
        if (!py.waitForStarted())
            QSKIP("/usr/bin/python3 is not available");
        QVERIFY(py.waitForFinished(60000));
        QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
        const QStringList lines = QString::fromUtf8(py.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0], QString("dq-quantized 2 zlib 40 int64 (40,) int64 (40,) uint8 (40, 12) int32 (40,)"));
        QCOMPARE(lines[1], QString("True True 3 True"));
    }

    // More than 256 patches: uint16 ids; RGB pixels interleaved.
    void uint16IdsAndRgb()
    {
        const fs::path dir = at("rgb");
        QuantizedHeader h;
        h.datasetSpec = "synthetic";
        h.datasetName = "Synthetic";
        h.split = "test";
        h.datasetSize = 10;
        h.shape = {40, 40, 3};
        h.grid = {20, 20, 2};
        h.maskRatio = 0.9;
        h.keptPerImage = 40; // int(400 * (1 - 0.9)) is 39 in floating point
        h.classNames = {"a", "b"};
        std::mt19937 rng(11);
        std::vector<Image> images;
        std::vector<std::vector<int>> kept;
        {
            QuantizedWriter w(dir, h);
            for (int i = 0; i < 5; ++i) {
                images.push_back(randomRgb(rng, 40, 40));
                kept.push_back(randomKept(rng, 400, 40));
                if (i == 0)
                    kept.back().back() = 399; // an id above 255
                w.add(9 - i, i % 2, kept.back(), images.back());
            }
            const QuantizedSummary s = w.commit();
            QCOMPARE(s.keptPixelBytes, std::int64_t(5 * 40 * 4 * 3));
            // Random pixels do not compress: the streams are a little larger than the pixels.
            QVERIFY(s.payloadBytes > s.keptPixelBytes + 5 * 40 * 2);
            QVERIFY(s.payloadBytes < s.keptPixelBytes + 5 * 40 * 2 + 5 * 64);
            QCOMPARE(s.keepRatio, 0.1);
        }
        const std::string keptBytes = readFileBytesForTest(dir / "kept_patches.npy");
        QVERIFY(keptBytes.find("'descr': '<u2'") != std::string::npos);
        QCOMPARE(keptBytes.size(), std::size_t(128 + 5 * 40 * 2));
        const QuantizedReader r(dir);
        QCOMPARE(r.header().split, std::string("test"));
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(r.index(i), std::int64_t(9 - i));
            QCOMPARE(r.label(i), i % 2);
            QCOMPARE(r.keptIds(i), kept[static_cast<std::size_t>(i)]);
            const Image partial = r.partialImage(i);
            const std::vector<std::uint8_t> mask = r.pixelMask(i);
            for (std::size_t p = 0; p < mask.size(); ++p)
                for (int c = 0; c < 3; ++c)
                    QCOMPARE(partial.pixels[p * 3 + c],
                             mask[p] ? images[static_cast<std::size_t>(i)].pixels[p * 3 + c] : std::uint8_t(0));
        }
    }

    void notCommittedLeavesNothing()
    {
        const fs::path dir = at("cancelled/q");
        {
            QuantizedWriter w(dir, fmnistHeader({7, 7, 4}, 0.5));
            w.add(0, fmnist_.train->label(0), randomKeptFixed(24), fmnist_.train->image(0));
        }
        QVERIFY(!fs::exists(dir));
        QVERIFY(fs::is_empty(at("cancelled")));
    }

    void badAdds()
    {
        QuantizedWriter w(at("bad-adds"), fmnistHeader({7, 7, 4}, 0.5));
        const Image img = fmnist_.train->image(0);
        const std::vector<int> ok = randomKeptFixed(24);
        DQ_EXPECT_ERROR(w.add(0, 0, ok, randomRgbFixed()), "sample 0", "28 x 28 x 3", "28 x 28 x 1");
        DQ_EXPECT_ERROR(w.add(60000, 0, ok, img), "sample 60000", "out of range");
        DQ_EXPECT_ERROR(w.add(0, 10, ok, img), "label 10", "out of range");
        DQ_EXPECT_ERROR(w.add(0, 0, std::vector<int>(ok.begin(), ok.end() - 1), img), "23 kept patches, expected 24");
        std::vector<int> unsorted = ok;
        std::swap(unsorted[0], unsorted[1]);
        DQ_EXPECT_ERROR(w.add(0, 0, unsorted, img), "strictly ascending");
        std::vector<int> outside = ok;
        outside.back() = 49;
        DQ_EXPECT_ERROR(w.add(0, 0, outside, img), "patch id 49", "out of range");
        DQ_EXPECT_ERROR(QuantizedWriter(at("bad-grid"), fmnistHeader({0, 7, 4}, 0.5)), "invalid patch grid");
        DQ_EXPECT_ERROR(QuantizedWriter(at("bad-ratio"), fmnistHeader({7, 7, 4}, 1.0)), "mask ratio");
        QCOMPARE(w.count(), std::int64_t(0));
    }

    void damagedFolders()
    {
        const fs::path good = at("fmnist7");
        if (!fs::exists(good))
            writeFmnist(good, {7, 7, 4});
        int n = 0;
        auto damaged = [&](const char* file, auto damage) {
            const fs::path dir = at("damaged" + std::to_string(n++));
            fs::copy(good, dir, fs::copy_options::recursive);
            damage(dir / file);
            return dir;
        };
        auto expect = [](const fs::path& dir, const char* file, const char* what) {
            const std::string path = (dir / file).string();
            DQ_EXPECT_ERROR(QuantizedReader r(dir), path.c_str(), what);
        };
        expect(damaged("pixels.zlib", [](const fs::path& f) { fs::remove(f); }), "pixels.zlib", "file not found");
        expect(damaged("pixel_streams.npy", [](const fs::path& f) { fs::remove(f); }), "pixel_streams.npy",
               "file not found");
        expect(damaged("meta.json", [](const fs::path& f) { fs::remove(f); }), "meta.json", "file not found");
        expect(damaged("labels.npy",
                       [](const fs::path& f) { writeNpy(f, NpyArray::fromVector(std::vector<std::int32_t>(40, 1))); }),
               "labels.npy", "dtype is int32, expected int64");
        expect(damaged("labels.npy",
                       [](const fs::path& f) { writeNpy(f, NpyArray::fromVector(std::vector<std::int64_t>(39, 1))); }),
               "labels.npy", "shape is (39,), expected (40,)");
        expect(damaged("indices.npy",
                       [](const fs::path& f) { writeNpy(f, NpyArray::fromVector(std::vector<std::int64_t>(40, 60000))); }),
               "indices.npy", "index 60000 out of range");
        expect(damaged("pixels.zlib", [](const fs::path& f) { fs::resize_file(f, fs::file_size(f) - 1); }), "pixels.zlib",
               "the streams of pixel_streams.npy add up to");
        expect(damaged("pixel_streams.npy",
                       [](const fs::path& f) { writeNpy(f, NpyArray::fromVector(std::vector<std::int64_t>(40, 100))); }),
               "pixel_streams.npy", "dtype is int64, expected int32");
        expect(damaged("pixel_streams.npy",
                       [](const fs::path& f) { writeNpy(f, NpyArray::fromVector(std::vector<std::int32_t>(40, 0))); }),
               "pixel_streams.npy", "entry 0: stream of 0 bytes");
        expect(damaged("kept_patches.npy",
                       [](const fs::path& f) {
                           writeNpy(f, NpyArray::fromVector(std::vector<std::uint8_t>(40 * 12, 3), {40, 12}));
                       }),
               "kept_patches.npy", "row 0: patch ids must be strictly ascending");
        expect(damaged("kept_patches.npy",
                       [](const fs::path& f) {
                           writeNpy(f, NpyArray::fromVector(std::vector<std::int64_t>(40 * 12, 3), {40, 12}));
                       }),
               "kept_patches.npy", "expected uint8");
        expect(damaged("kept_patches.npy",
                       [](const fs::path& f) {
                           writeNpy(f, NpyArray::fromVector(std::vector<std::uint8_t>(40 * 11, 3), {40, 11}));
                       }),
               "kept_patches.npy", "shape is (40, 11), expected (40, 12)");
        auto editMeta = [](const std::string& from, const std::string& to) {
            return [from, to](const fs::path& f) {
                std::string m = readFileBytesForTest(f);
                const auto pos = m.find(from);
                QVERIFY(pos != std::string::npos);
                m.replace(pos, from.size(), to);
                dqtest::writeBytes(f, m);
            };
        };
        expect(damaged("meta.json", editMeta("\"version\": 2", "\"version\": 3")), "meta.json", "unsupported version 3");
        expect(damaged("meta.json", editMeta("\"zlib\"", "\"zstd\"")), "meta.json", "'pixels_codec' is 'zstd'");
        expect(damaged("meta.json", editMeta("\"dq-quantized\"", "\"dq-bins\"")), "meta.json",
               "format is 'dq-bins', expected 'dq-quantized'");
        expect(damaged("meta.json", editMeta("\"count\": 40", "\"count\": 41")), "indices.npy", "expected (41,)");
        expect(damaged("meta.json", editMeta("\"rows\": 7", "\"rows\": \"7\"")), "meta.json", "patch_grid.rows");
        expect(damaged("meta.json", editMeta("{", "[")), "meta.json", "not valid JSON");
        DQ_EXPECT_ERROR(QuantizedReader(at("no-such")), "no-such", "no such folder");
    }

    // A damaged stream is found when its image is read, and named: the folder's other images still read.
    void corruptStreamNamesTheImage()
    {
        const fs::path good = at("fmnist7");
        if (!fs::exists(good))
            writeFmnist(good, {7, 7, 4});
        const fs::path dir = at("corrupt-stream");
        fs::copy(good, dir, fs::copy_options::recursive);
        const QuantizedReader before(dir);
        const std::vector<std::int32_t> sizes = readNpy(dir / "pixel_streams.npy").toVector<std::int32_t>();
        std::int64_t third = sizes[0] + sizes[1] + sizes[2];
        std::string z = readFileBytesForTest(dir / "pixels.zlib");
        // Image 3: a flipped byte in the middle of its deflate data.
        z[static_cast<std::size_t>(third + sizes[3] / 2)] ^= 0x5a;
        // Image 5: its stream cut short, with the rest of the file shifted by a byte of padding.
        const std::int64_t fifth = third + sizes[3] + sizes[4];
        z.erase(static_cast<std::size_t>(fifth + sizes[5] - 5), 1);
        z.insert(static_cast<std::size_t>(fifth + sizes[5] - 1), 1, '\0');
        dqtest::writeBytes(dir / "pixels.zlib", z);
        const QuantizedReader r(dir);
        const std::string file = (dir / "pixels.zlib").string();
        const std::string image3 = "image 3 (sample " + std::to_string(r.index(3)) + ")";
        const std::string image5 = "image 5 (sample " + std::to_string(r.index(5)) + ")";
        DQ_EXPECT_ERROR(r.partialImage(3), file.c_str(), image3.c_str());
        DQ_EXPECT_ERROR(r.partialImage(5), file.c_str(), image5.c_str());
        for (const std::int64_t i : {0, 2, 4, 6, 39})
            QCOMPARE(r.partialImage(i).pixels, before.partialImage(i).pixels);
    }

    // Folders of version 1 (uncompressed pixels.npy) read as before.
    void version1FoldersStillRead()
    {
        const fs::path good = at("fmnist7");
        if (!fs::exists(good))
            writeFmnist(good, {7, 7, 4});
        const fs::path dir = at("version1");
        fs::copy(good, dir, fs::copy_options::recursive);
        dqtest::downgradeQuantizedToVersion1(dir);
        QVERIFY(!fs::exists(dir / "pixels.zlib"));
        const QuantizedReader v2(good), v1(dir);
        QCOMPARE(v1.header().version, 1);
        QCOMPARE(v2.header().version, 2);
        QCOMPARE(v1.count(), v2.count());
        for (std::int64_t i = 0; i < v1.count(); ++i) {
            QCOMPARE(v1.keptIds(i), v2.keptIds(i));
            QCOMPARE(v1.partialImage(i).pixels, v2.partialImage(i).pixels);
        }
        const fs::path bad = at("version1-truncated");
        fs::copy(dir, bad, fs::copy_options::recursive);
        fs::resize_file(bad / "pixels.npy", fs::file_size(bad / "pixels.npy") - 1);
        const std::string badFile = (bad / "pixels.npy").string();
        DQ_EXPECT_ERROR(QuantizedReader r(bad), badFile.c_str(), "truncated");
        const fs::path wrong = at("version1-short");
        fs::copy(dir, wrong, fs::copy_options::recursive);
        writeNpy(wrong / "pixels.npy", NpyArray::fromVector(std::vector<std::uint8_t>(100, 1)));
        const std::string wrongFile = (wrong / "pixels.npy").string();
        DQ_EXPECT_ERROR(QuantizedReader r(wrong), wrongFile.c_str(),
                        "holds 100 bytes, but the kept patches of kept_patches.npy cover 7680");
    }

    // The one patch table: masks, gathered pixels and counts agree with patchOfPixel.
    void patchLayoutIsOneTable()
    {
        const PatchGrid grid{14, 14, 16}; // 28 x 28 native pixels under a 224 x 224 grid
        const PatchLayout layout(grid, 28, 28);
        std::int64_t total = 0;
        for (const std::int64_t c : layout.pixelsPerPatch())
            total += c;
        QCOMPARE(total, std::int64_t(784));
        const std::vector<int> kept{0, 5, 100, 195};
        const std::vector<std::uint8_t> mask = layout.keptMask(kept);
        std::int64_t ones = 0;
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x) {
                const int id = patchOfPixel(grid, 28, 28, y, x);
                const bool isKept = std::find(kept.begin(), kept.end(), id) != kept.end();
                QCOMPARE(mask[static_cast<std::size_t>(y * 28 + x)], std::uint8_t(isKept));
                ones += isKept;
            }
        QCOMPARE(layout.keptPixels(kept), ones);
        const Image img = fmnist_.train->image(1);
        const std::vector<std::uint8_t> gathered = layout.gatherKept(img, kept);
        QCOMPARE(static_cast<std::int64_t>(gathered.size()), ones);
        const Image back = layout.scatterKept(gathered.data(), kept, 1);
        for (std::size_t p = 0; p < mask.size(); ++p)
            QCOMPARE(back.pixels[p], mask[p] ? img.pixels[p] : std::uint8_t(0));
    }

private:
    static std::string readFileBytesForTest(const fs::path& f)
    {
        std::ifstream in(f, std::ios::binary);
        return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    }
    static std::vector<int> randomKeptFixed(int keep)
    {
        std::mt19937 rng(3);
        return randomKept(rng, 49, keep);
    }
    static Image randomRgbFixed()
    {
        std::mt19937 rng(5);
        return randomRgb(rng, 28, 28);
    }
};

QTEST_GUILESS_MAIN(TestQuantizedStorage)
#include "tst_QuantizedStorage.moc"
