// --model torchscript:FILE under the documented contract: outputs equal Python's (files made
// by tests/fixtures/make_torchscript_fixture.py with python3-torch) and broken modules
// give errors that name the file and what is wrong.
#include "TestSupport.h"

#include "common/AtomicFile.h"
#include "common/Progress.h"
#include "common/Threads.h"
#include "datasets/DatasetSpec.h"
#include "features/FeatureExtractor.h"
#include "io/Npy.h"
#include "common/JobContext.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace dq;
namespace fs = std::filesystem;

namespace {

fs::path fixture(const char* name) { return dqtest::fixturesDir() / "torchscript" / name; }

float maxAbsDiff(const NpyArray& a, const NpyArray& b)
{
    if (a.shape != b.shape)
        return INFINITY;
    const auto x = a.toVector<float>(), y = b.toVector<float>();
    float m = 0;
    for (std::size_t i = 0; i < x.size(); ++i)
        m = std::max(m, std::abs(x[i] - y[i]));
    return m;
}

} // namespace

class TorchScriptModelTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    fs::path dir_;
    DatasetBundle fmnist_;

    FeatureParams params(const char* model, FeatureMode mode = FeatureMode::Gradient) const
    {
        FeatureParams p;
        p.model = std::string("torchscript:") + fixture(model).string();
        p.mode = mode;
        p.limit = 16; // the images the Python outputs were computed on
        p.device = "cpu";
        p.cacheDir = dir_ / "cache";
        p.reuseCache = false;
        p.datasetSpec = fmnist_.spec;
        p.datasetName = fmnist_.name;
        return p;
    }

    std::vector<Note> notes_; // of the last run()

    FeatureResult run(const FeatureParams& p)
    {
        CancelToken cancel;
        JobContext context(Progress::none(), cancel);
        notes_.clear();
        FeatureResult r = extractFeatures(*fmnist_.train, p, context);
        notes_ = context.notes();
        return r;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        dir_ = tmp_.path().toStdString();
        configureThreads();
        fmnist_ = openDataset("fashion-mnist:" + dqtest::fashionMnistDir().string());
    }

    // forward + embed + classify, attributes input_size, input_channels, mean, std.
    void matchesPython()
    {
        const FeatureResult r = run(params("tiny.pt"));
        QCOMPARE(r.input.normalization, std::string("model"));
        QCOMPARE(r.input.height, 28);
        QCOMPARE(r.classes, std::int64_t(10));
        QCOMPARE(r.dim, std::int64_t(54));
        const float de = maxAbsDiff(readNpy(r.e), readNpy(fixture("tiny_embedding.npy")));
        const float db = maxAbsDiff(readNpy(r.b), readNpy(fixture("tiny_b.npy")));
        QVERIFY2(de < 1e-5f, qPrintable(QString::number(de)));
        QVERIFY2(db < 1e-5f, qPrintable(QString::number(db)));
        QVERIFY(notes_.size() <= 1); // at most the CPU note
    }

    // The other form: forward returns (logits, embedding).
    void tupleForward()
    {
        const FeatureResult r = run(params("tuple_forward.pt", FeatureMode::Embedding));
        QVERIFY(maxAbsDiff(readNpy(r.features), readNpy(fixture("tuple_embedding.npy"))) < 1e-5f);
    }

    // Logits for 7 classes on 10-class data: a fresh seeded head replaces them.
    void otherClassCountGetsFreshHead()
    {
        FeatureParams p = params("seven_classes.pt");
        const FeatureResult r = run(p);
        QCOMPARE(r.classes, std::int64_t(10));
        QCOMPARE(readNpy(r.b).shape, (std::vector<std::int64_t>{16, 10}));
        bool noted = false;
        for (const auto& n : notes_)
            noted = noted ||
                    (n.code == "features.head-replaced" && n.text.find("fresh seeded linear head") != std::string::npos);
        QVERIFY(noted);
        QCOMPARE(readFileBytes(run(p).b), readFileBytes(r.b)); // the seed fixes the head
    }

    void brokenModules()
    {
        DQ_EXPECT_ERROR(run(params("no_embed.pt")), "no_embed.pt", "no method embed(x)", "README");
        DQ_EXPECT_ERROR(run(params("map_embed.pt")), "map_embed.pt", "embed(x) has shape [2, 6, 28, 28]", "expected 2 x K");
        DQ_EXPECT_ERROR(run(params("input.npy")), "input.npy", "not a TorchScript module");
        DQ_EXPECT_ERROR(run(params("absent.pt")), "absent.pt", "no such TorchScript file");
        FeatureParams p = params("tiny.pt");
        p.weights = fixture("convnet_w16.pth");
        DQ_EXPECT_FIELD_ERROR(run(p), "weights", "built-in models");
    }
};

QTEST_GUILESS_MAIN(TorchScriptModelTest)
#include "tst_TorchScriptModel.moc"
