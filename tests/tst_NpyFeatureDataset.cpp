// NpyFeatureDataset: features and labels written with dq::writeNpy, and bad combinations.
#include "TestSupport.h"

#include "common/Error.h"
#include "datasets/NpyFeatureDataset.h"
#include "io/Npy.h"

#include <QTemporaryDir>
#include <QtTest>

namespace fs = std::filesystem;

class TestNpyFeatureDataset : public QObject {
    Q_OBJECT

private:
    QTemporaryDir tmp_;
    fs::path at(const std::string& name) const { return fs::path(tmp_.path().toStdString()) / name; }
    template <typename T>
    fs::path write(const std::string& name, const std::vector<T>& v, std::vector<std::int64_t> shape = {})
    {
        dq::writeNpy(at(name), dq::NpyArray::fromVector(v, std::move(shape)));
        return at(name);
    }

private slots:
    void labelledFloat32()
    {
        const fs::path f = write<float>("feats.npy", {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, {4, 3});
        const fs::path l = write<std::int64_t>("labels.npy", {0, 2, 1, 2});
        const dq::NpyFeatureDataset d(f, l);
        QCOMPARE(d.size(), std::int64_t(4));
        QCOMPARE(d.kind(), dq::SampleKind::Features);
        QVERIFY(d.imageShape() == (dq::ImageShape{1, 1, 3}));
        QCOMPARE(d.split(), std::string("train"));
        QCOMPARE(d.classNames(), (std::vector<std::string>{"0", "1", "2"}));
        QCOMPARE(d.labels(), (std::vector<int>{0, 2, 1, 2}));
        QCOMPARE(d.classCounts(), (std::vector<std::int64_t>{1, 1, 2}));
        QCOMPARE(d.features().dtype, dq::DType::Float32);
        QCOMPARE(d.features().shape, (std::vector<std::int64_t>{4, 3}));
        QCOMPARE(d.features().data<float>()[7], 7.0f);
        const std::string where = "npy:" + f.string();
        DQ_EXPECT_ERROR(d.image(0), where.c_str(), "holds features, not images");
        DQ_EXPECT_ERROR(d.label(4), "4", "out of range");

        const std::string fp = d.fingerprint();
        QCOMPARE(fp.size(), std::size_t(16));
        QVERIFY(fp.find_first_not_of("0123456789abcdef") == std::string::npos);
        QCOMPARE(dq::NpyFeatureDataset(f, l).fingerprint(), fp);
        QVERIFY(dq::NpyFeatureDataset(f).fingerprint() != fp);
        write<std::int64_t>("labels.npy", {0, 2, 1, 1});
        QVERIFY(dq::NpyFeatureDataset(f, l).fingerprint() != fp);
    }

    void labelTypes_data()
    {
        QTest::addColumn<int>("type");
        QTest::newRow("int64") << 0;
        QTest::newRow("int32") << 1;
        QTest::newRow("uint8") << 2;
    }
    void labelTypes()
    {
        QFETCH(int, type);
        const fs::path f = write<double>("f64.npy", {0.5, 1.5, 2.5, 3.5, 4.5, 5.5}, {3, 2});
        fs::path l;
        if (type == 0)
            l = write<std::int64_t>("l.npy", {4, 0, 4});
        else if (type == 1)
            l = write<std::int32_t>("l.npy", {4, 0, 4});
        else
            l = write<std::uint8_t>("l.npy", {4, 0, 4});
        const dq::NpyFeatureDataset d(f, l);
        QCOMPARE(d.features().dtype, dq::DType::Float64);
        QCOMPARE(d.classCount(), 5);
        QCOMPARE(d.labels(), (std::vector<int>{4, 0, 4}));
        QCOMPARE(d.classCounts(), (std::vector<std::int64_t>{1, 0, 0, 0, 2}));
    }

    void unlabelled()
    {
        const fs::path f = write<float>("u.npy", {1, 2, 3, 4}, {2, 2});
        const dq::NpyFeatureDataset d(f);
        QCOMPARE(d.size(), std::int64_t(2));
        QCOMPARE(d.label(0), -1);
        QCOMPARE(d.label(1), -1);
        QVERIFY(d.classNames().empty());
        QVERIFY(d.classCounts().empty());

        // -1 entries in a labels file are unlabelled samples too.
        const fs::path l = write<std::int64_t>("partial.npy", {-1, 1});
        const dq::NpyFeatureDataset p(f, l);
        QCOMPARE(p.label(0), -1);
        QCOMPARE(p.classCounts(), (std::vector<std::int64_t>{0, 1}));
    }

    void openBySpecArgument()
    {
        const fs::path f = write<float>("embeddings.npy", {1, 2, 3, 4, 5, 6}, {3, 2});
        const fs::path l = write<std::int32_t>("emb_labels.npy", {0, 1, 1});
        dq::DatasetBundle b = dq::openNpyFeatures(f.string() + "," + l.string(), "npy:spec");
        QCOMPARE(b.name, std::string("embeddings"));
        QCOMPARE(b.spec, std::string("npy:spec"));
        QVERIFY(!b.test);
        QCOMPARE(b.train->classCount(), 2);
        b = dq::openNpyFeatures(f.string(), "npy:spec");
        QCOMPARE(b.train->classCount(), 0);
        // A comma inside an existing file's name is part of the name.
        const fs::path commas = write<float>("a,b.npy", {1, 2}, {1, 2});
        b = dq::openNpyFeatures(commas.string(), "npy:x");
        QCOMPARE(b.name, std::string("a,b"));
        DQ_EXPECT_ERROR(dq::openNpyFeatures(f.string() + ",", "npy:bad,"), "npy:bad,", "empty labels file");
    }

    void badInputs()
    {
        const fs::path f = write<float>("ok.npy", {1, 2, 3, 4, 5, 6}, {3, 2});
        const std::string fs_ = f.string();

        const fs::path oneD = write<float>("oneD.npy", {1, 2, 3});
        const std::string oneDs = oneD.string();
        DQ_EXPECT_ERROR(dq::NpyFeatureDataset{oneD}, oneDs.c_str(), "2-D", "(3,)");
        const fs::path threeD = write<float>("threeD.npy", {1, 2, 3, 4, 5, 6, 7, 8}, {2, 2, 2});
        const std::string threeDs = threeD.string();
        DQ_EXPECT_ERROR(dq::NpyFeatureDataset{threeD}, threeDs.c_str(), "2-D", "(2, 2, 2)");
        const fs::path ints = write<std::int32_t>("ints.npy", {1, 2, 3, 4}, {2, 2});
        const std::string intss = ints.string();
        DQ_EXPECT_ERROR(dq::NpyFeatureDataset{ints}, intss.c_str(), "float32 or float64", "int32");
        const fs::path empty = write<float>("empty.npy", {}, {0, 4});
        const std::string emptys = empty.string();
        DQ_EXPECT_ERROR(dq::NpyFeatureDataset{empty}, emptys.c_str(), "(0, 4)");

        const fs::path shortL = write<std::int64_t>("short.npy", {0, 1});
        const std::string shortLs = shortL.string();
        DQ_EXPECT_ERROR(dq::NpyFeatureDataset(f, shortL), shortLs.c_str(), fs_.c_str(), "2 labels", "3 feature rows");
        const fs::path floatL = write<float>("floatL.npy", {0, 1, 2});
        const std::string floatLs = floatL.string();
        DQ_EXPECT_ERROR(dq::NpyFeatureDataset(f, floatL), floatLs.c_str(), "int64, int32 or uint8", "float32");
        const fs::path twoDL = write<std::int64_t>("twoDL.npy", {0, 1, 2}, {3, 1});
        const std::string twoDLs = twoDL.string();
        DQ_EXPECT_ERROR(dq::NpyFeatureDataset(f, twoDL), twoDLs.c_str(), "1-D", "(3, 1)");
        const fs::path negL = write<std::int64_t>("negL.npy", {0, -2, 1});
        const std::string negLs = negL.string();
        DQ_EXPECT_ERROR(dq::NpyFeatureDataset(f, negL), negLs.c_str(), "label -2 at index 1");
        const fs::path hugeL = write<std::int64_t>("hugeL.npy", {0, 1, 5000000000LL});
        const std::string hugeLs = hugeL.string();
        DQ_EXPECT_ERROR(dq::NpyFeatureDataset(f, hugeL), hugeLs.c_str(), "label 5000000000 at index 2");

        const std::string missing = at("missing.npy").string();
        DQ_EXPECT_ERROR(dq::NpyFeatureDataset{at("missing.npy")}, missing.c_str());
        dqtest::writeBytes(at("garbage.npy"), "not a numpy file at all");
        const std::string garbage = at("garbage.npy").string();
        DQ_EXPECT_ERROR(dq::NpyFeatureDataset{at("garbage.npy")}, garbage.c_str());
    }
};

QTEST_GUILESS_MAIN(TestNpyFeatureDataset)
#include "tst_NpyFeatureDataset.moc"
