// QuantizedWriter / QuantizedReader: round trips of Fashion-MNIST images and synthetic
// RGB ones (uint8 and uint16 patch ids), numpy reading the files, the byte accounting,
// atomicity, and the reader's checks on damaged folders.
#include "pixel/QuantizedReader.h"
#include "pixel/QuantizedWriter.h"

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
        QCOMPARE(s.payloadBytes, keptPixels + 40 * k);
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
            "k = np.load(d + '/kept_patches.npy'); p = np.load(d + '/pixels.npy')\n"
            "print(m['format'], m['version'], m['count'], i.dtype, i.shape, l.dtype, l.shape, k.dtype, k.shape, p.dtype, p.ndim)\n"
            "print(int(p.size) == m['bytes']['payload'] - k.size, int(i[0]), int(k[0].max()) < 49)\n";
        QProcess py;
        py.start("/usr/bin/python3", {"-c", script, QString::fromStdString(dir.string())});
        if (!py.waitForStarted())
            QSKIP("/usr/bin/python3 is not available");
        QVERIFY(py.waitForFinished(60000));
        QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
        const QStringList lines = QString::fromUtf8(py.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0], QString("dq-quantized 1 40 int64 (40,) int64 (40,) uint8 (40, 12) uint8 1"));
        QCOMPARE(lines[1], QString("True 3 True"));
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
            QCOMPARE(s.payloadBytes, std::int64_t(5 * 40 * 4 * 3 + 5 * 40 * 2));
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
                    QCOMPARE(partial.pixels[p * 3 + c], mask[p] ? images[static_cast<std::size_t>(i)].pixels[p * 3 + c] : std::uint8_t(0));
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
        expect(damaged("pixels.npy", [](const fs::path& f) { fs::remove(f); }), "pixels.npy", "file not found");
        expect(damaged("meta.json", [](const fs::path& f) { fs::remove(f); }), "meta.json", "file not found");
        expect(damaged("labels.npy", [](const fs::path& f) { writeNpy(f, NpyArray::fromVector(std::vector<std::int32_t>(40, 1))); }),
               "labels.npy", "dtype is int32, expected int64");
        expect(damaged("labels.npy", [](const fs::path& f) { writeNpy(f, NpyArray::fromVector(std::vector<std::int64_t>(39, 1))); }),
               "labels.npy", "shape is (39,), expected (40,)");
        expect(damaged("indices.npy", [](const fs::path& f) { writeNpy(f, NpyArray::fromVector(std::vector<std::int64_t>(40, 60000))); }),
               "indices.npy", "index 60000 out of range");
        expect(damaged("pixels.npy", [](const fs::path& f) { writeNpy(f, NpyArray::fromVector(std::vector<std::uint8_t>(100, 1))); }),
               "pixels.npy", "holds 100 bytes, but the kept patches of kept_patches.npy cover 7680");
        expect(damaged("pixels.npy", [](const fs::path& f) { writeNpy(f, NpyArray::fromVector(std::vector<float>(7680, 1))); }),
               "pixels.npy", "expected uint8");
        expect(damaged("pixels.npy", [](const fs::path& f) { fs::resize_file(f, fs::file_size(f) - 1); }), "pixels.npy",
               "truncated");
        expect(damaged("kept_patches.npy", [](const fs::path& f) { writeNpy(f, NpyArray::fromVector(std::vector<std::uint8_t>(40 * 12, 3), {40, 12})); }),
               "kept_patches.npy", "row 0: patch ids must be strictly ascending");
        expect(damaged("kept_patches.npy", [](const fs::path& f) { writeNpy(f, NpyArray::fromVector(std::vector<std::int64_t>(40 * 12, 3), {40, 12})); }),
               "kept_patches.npy", "expected uint8");
        expect(damaged("kept_patches.npy", [](const fs::path& f) { writeNpy(f, NpyArray::fromVector(std::vector<std::uint8_t>(40 * 11, 3), {40, 11})); }),
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
        expect(damaged("meta.json", editMeta("\"version\": 1", "\"version\": 2")), "meta.json", "unsupported version 2");
        expect(damaged("meta.json", editMeta("\"dq-quantized\"", "\"dq-bins\"")), "meta.json",
               "format is 'dq-bins', expected 'dq-quantized'");
        expect(damaged("meta.json", editMeta("\"count\": 40", "\"count\": 41")), "indices.npy", "expected (41,)");
        expect(damaged("meta.json", editMeta("\"rows\": 7", "\"rows\": \"7\"")), "meta.json", "patch_grid.rows");
        expect(damaged("meta.json", editMeta("{", "[")), "meta.json", "not valid JSON");
        DQ_EXPECT_ERROR(QuantizedReader(at("no-such")), "no-such", "no such folder");
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
