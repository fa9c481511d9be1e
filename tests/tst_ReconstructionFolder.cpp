// ReconstructionFolderWriter: Fashion-MNIST images written as an ImageFolder export and
// read back through imagefolder: in manifest order, pixel for pixel; the images/ tree
// read as a plain ImageFolder; RGB order, extra files, atomicity and bad input.
#include "pixel/internal/ReconstructionFolder.h"

#include "common/Error.h"
#include "datasets/DatasetSpec.h"
#include "datasets/internal/ImageFolderDataset.h"
#include "pixel/internal/QuantizedReader.h"
#include "pixel/internal/QuantizedWriter.h"
#include "TestSupport.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

namespace fs = std::filesystem;
using namespace dq;

namespace {

std::string readText(const fs::path& f)
{
    std::ifstream in(f, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

const std::vector<std::int64_t> kIndices = {0,    5,    17,   42,   99,   100,  101,  250,  333,  480,
                                            512,  640,  777,  800,  999,  1000, 1001, 1234, 1500, 1717,
                                            1800, 1999, 2000, 2048, 2222, 2500, 2718, 2900, 2998, 2999};

} // namespace

class TestReconstructionFolder : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    DatasetBundle fmnist_;

    fs::path at(const std::string& rel) const { return fs::path(tmp_.path().toStdString()) / rel; }

    fs::path writeExport(const std::string& name, const std::vector<std::int64_t>& order)
    {
        const fs::path dir = at(name);
        const Dataset& train = *fmnist_.train;
        ReconstructionFolderWriter w(dir, train.classNames(), 3000);
        for (std::int64_t index : order)
            w.add(index, train.label(index), train.image(index));
        w.commit();
        return dir;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        fmnist_ = openDataset("fashion-mnist:" + dqtest::fashionMnistDir().string());
    }

    void helpers()
    {
        QCOMPARE(ReconstructionFolderWriter::indexDigits(1), 1);
        QCOMPARE(ReconstructionFolderWriter::indexDigits(10), 1);
        QCOMPARE(ReconstructionFolderWriter::indexDigits(11), 2);
        QCOMPARE(ReconstructionFolderWriter::indexDigits(3000), 4);
        QCOMPARE(ReconstructionFolderWriter::indexDigits(60000), 5);
        QCOMPARE(ReconstructionFolderWriter::sanitiseClassName("T-shirt/top"), std::string("T-shirt_top"));
        QCOMPARE(ReconstructionFolderWriter::sanitiseClassName(".."), std::string("_"));
        QCOMPARE(ReconstructionFolderWriter::sanitiseClassName("a\\b\nc"), std::string("a_b_c"));
        QCOMPARE(ReconstructionFolderWriter::csvField("Ankle boot"), std::string("Ankle boot"));
        QCOMPARE(ReconstructionFolderWriter::csvField("a,b"), std::string("\"a,b\""));
        QCOMPARE(ReconstructionFolderWriter::csvField("say \"hi\""), std::string("\"say \"\"hi\"\"\""));
        QCOMPARE(ReconstructionFolderWriter::csvField(" x"), std::string("\" x\""));
    }

    void readBackInManifestOrder()
    {
        const fs::path dir = writeExport("export", kIndices);
        const Dataset& train = *fmnist_.train;
        QCOMPARE(train.label(0), 9);
        QVERIFY(fs::is_regular_file(dir / "images/Ankle boot/0000.png"));
        QCOMPARE(train.classNames()[0], std::string("T-shirt/top"));
        const auto shirt =
            std::find_if(kIndices.begin(), kIndices.end(), [&](std::int64_t i) { return train.label(i) == 0; });
        QVERIFY(shirt != kIndices.end());
        QVERIFY(fs::is_regular_file(
            dir / ("images/T-shirt_top/" + QString::number(*shirt).rightJustified(4, '0').toStdString() + ".png")));
        const std::string manifest = readText(dir / "manifest.csv");
        QVERIFY(manifest.rfind("index,label,class,path\n0,", 0) == 0);
        QVERIFY(manifest.find("\n5," + std::to_string(train.label(5)) + ",") != std::string::npos);

        const DatasetBundle b = openDataset("imagefolder:" + dir.string());
        QCOMPARE(b.name, std::string("export"));
        QVERIFY(!b.test);
        const auto& d = dynamic_cast<const ImageFolderDataset&>(*b.train);
        QCOMPARE(d.size(), std::int64_t(kIndices.size()));
        std::vector<std::string> sortedFolders;
        for (const std::string& c : train.classNames())
            sortedFolders.push_back(ReconstructionFolderWriter::sanitiseClassName(c));
        std::sort(sortedFolders.begin(), sortedFolders.end());
        QCOMPARE(d.classNames(), sortedFolders); // torchvision's classes for dir/images
        for (std::int64_t i = 0; i < d.size(); ++i) {
            const std::int64_t index = kIndices[static_cast<std::size_t>(i)];
            QCOMPARE(d.file(i).stem().string(), QString::number(index).rightJustified(4, '0').toStdString());
            QCOMPARE(d.classNames()[static_cast<std::size_t>(d.label(i))],
                     ReconstructionFolderWriter::sanitiseClassName(
                         train.classNames()[static_cast<std::size_t>(train.label(index))]));
            const Image got = d.image(i);
            const Image want = train.image(index);
            QCOMPARE(got.channels, 1); // grey stays grey
            QCOMPARE(got.height, 28);
            QCOMPARE(got.pixels, want.pixels);
        }
    }

    // The manifest's order wins over the folders' order.
    void manifestOrderIsKept()
    {
        const std::vector<std::int64_t> order = {2999, 5, 1000, 17, 100};
        const fs::path dir = writeExport("unordered", order);
        const DatasetBundle b = openDataset("imagefolder:" + dir.string());
        QCOMPARE(b.train->size(), std::int64_t(5));
        for (std::int64_t i = 0; i < 5; ++i)
            QCOMPARE(b.train->image(i).pixels, fmnist_.train->image(order[static_cast<std::size_t>(i)]).pixels);
    }

    // images/ alone is a plain ImageFolder; zero padding makes names sort in index order.
    void imagesAloneSortByIndex()
    {
        const fs::path dir = at("export");
        if (!fs::exists(dir))
            writeExport("export", kIndices);
        const ImageFolderDataset plain(dir / "images", "train");
        QCOMPARE(plain.size(), std::int64_t(kIndices.size()));
        std::vector<std::int64_t> seen;
        std::string lastClass;
        std::int64_t last = -1;
        for (std::int64_t i = 0; i < plain.size(); ++i) {
            const fs::path f = plain.file(i);
            const std::string cls = f.parent_path().filename().string();
            const std::int64_t index = std::stoll(f.stem().string());
            if (cls == lastClass)
                QVERIFY2(index > last, qPrintable(QString::fromStdString(f.string())));
            lastClass = cls;
            last = index;
            seen.push_back(index);
            QCOMPARE(plain.classNames()[static_cast<std::size_t>(plain.label(i))], cls);
        }
        std::sort(seen.begin(), seen.end());
        QCOMPARE(seen, kIndices);
        // The plain tree is read as the standard layout: the manifest is only looked for at the top.
        const DatasetBundle b = openDataset("imagefolder:" + (dir / "images").string());
        QCOMPARE(b.train->size(), plain.size());
        QCOMPARE(b.train->fingerprint(), plain.fingerprint());
    }

    void rgbAndExtraFiles()
    {
        const fs::path dir = at("rgb");
        Image img{3, 2, 3, {255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 40, 50, 60, 70, 80, 90}};
        {
            ReconstructionFolderWriter w(dir, {"a,b", "say \"hi\""}, 12);
            QCOMPARE(w.add(11, 1, img), std::string("images/say \"hi\"/11.png"));
            QCOMPARE(w.add(3, 0, img), std::string("images/a,b/03.png"));
            w.addFile("pixel.json", "{\"ok\": true}\n");
            w.addFile("cam/overlays/readme.txt", "x");
            DQ_EXPECT_ERROR(w.addFile("../escape.txt", "x"), "../escape.txt", "inside the output folder");
            // A quantized folder written straight into the staging folder.
            QuantizedHeader h;
            h.datasetSize = 12;
            h.shape = {3, 2, 3};
            h.grid = {1, 2, 1};
            h.maskRatio = 0.5;
            QuantizedWriter q(w.path() / "quantized", h);
            q.add(11, 1, {1}, img);
            q.commit();
            QCOMPARE(w.count(), std::int64_t(2));
            QVERIFY(!fs::exists(dir));
            w.commit();
        }
        QCOMPARE(readText(dir / "pixel.json"), std::string("{\"ok\": true}\n"));
        QVERIFY(fs::exists(dir / "cam/overlays/readme.txt"));
        QCOMPARE(QuantizedReader(dir / "quantized").count(), std::int64_t(1));
        QCOMPARE(readText(dir / "manifest.csv"),
                 std::string("index,label,class,path\n11,1,\"say \"\"hi\"\"\",\"images/say \"\"hi\"\"/11.png\"\n"
                             "3,0,\"a,b\",\"images/a,b/03.png\"\n"));
        const DatasetBundle b = openDataset("imagefolder:" + dir.string());
        QCOMPARE(b.train->size(), std::int64_t(2));
        QCOMPARE(b.train->classNames(), (std::vector<std::string>{"a,b", "say \"hi\""}));
        QCOMPARE(b.train->label(0), 1);
        QCOMPARE(b.train->label(1), 0);
        QCOMPARE(b.train->image(0).pixels, img.pixels); // RGB order survives the BGR PNG round trip
    }

    void notCommittedLeavesNothing()
    {
        const fs::path dir = at("cancelled/recon");
        {
            ReconstructionFolderWriter w(dir, fmnist_.train->classNames(), 60000);
            w.add(7, fmnist_.train->label(7), fmnist_.train->image(7));
            w.addFile("pixel.json", "{}");
        }
        QVERIFY(!fs::exists(dir));
        QVERIFY(fs::is_empty(at("cancelled")));
    }

    void badInput()
    {
        ReconstructionFolderWriter w(at("bad"), {"x", "y"}, 100);
        const Image grey{2, 2, 1, {1, 2, 3, 4}};
        DQ_EXPECT_ERROR(w.add(100, 0, grey), "sample index 100", "out of range [0, 100)");
        DQ_EXPECT_ERROR(w.add(1, 2, grey), "sample 1", "label 2");
        DQ_EXPECT_ERROR(w.add(1, 0, Image{2, 2, 2, std::vector<std::uint8_t>(8)}), "sample 1", "1, 3 or 4 channels");
        w.add(1, 0, grey);
        DQ_EXPECT_ERROR(w.add(1, 1, grey), "sample 1", "added twice");
        DQ_EXPECT_ERROR(ReconstructionFolderWriter(at("bad2"), {}, 10), "at least one class");
    }

    void damagedExports()
    {
        const fs::path dir = at("damaged");
        fs::copy(writeExport("damaged-src", {5, 17, 100}), dir, fs::copy_options::recursive);
        const std::string manifest = (dir / "manifest.csv").string();
        const std::string png =
            (dir / ("images/" +
                    ReconstructionFolderWriter::sanitiseClassName(fmnist_.train->classNames()[fmnist_.train->label(17)]) +
                    "/0017.png"))
                .string();
        fs::remove(png);
        DQ_EXPECT_ERROR(openDataset("imagefolder:" + dir.string()), png.c_str(), "line 3", manifest.c_str(), "missing");
        dqtest::writeBytes(manifest, "index,label,class,path\n5,0,x,../outside.png\n");
        DQ_EXPECT_ERROR(openDataset("imagefolder:" + dir.string()), manifest.c_str(), "line 2", "images/<class>/<file>");
        dqtest::writeBytes(manifest, "index,label,class,path\n5,0,x\n");
        DQ_EXPECT_ERROR(openDataset("imagefolder:" + dir.string()), "line 2", "3 fields, expected 4");
        dqtest::writeBytes(manifest, "index,label,class,file\n");
        DQ_EXPECT_ERROR(openDataset("imagefolder:" + dir.string()), manifest.c_str(), "no 'path' column");
        dqtest::writeBytes(manifest, "index,label,class,path\n");
        DQ_EXPECT_ERROR(openDataset("imagefolder:" + dir.string()), manifest.c_str(), "lists no images");
        dqtest::writeBytes(manifest, "index,label,class,path\n5,0,\"x,\n");
        DQ_EXPECT_ERROR(openDataset("imagefolder:" + dir.string()), manifest.c_str(), "unterminated");
    }
};

QTEST_GUILESS_MAIN(TestReconstructionFolder)
#include "tst_ReconstructionFolder.moc"
