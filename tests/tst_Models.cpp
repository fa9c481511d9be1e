// The built-in networks: shapes for 1 and 3 channels at 28 and 32 px, torchvision's and
// the dataset-distillation ConvNet's parameter names, seeded initialisation, Python
// parity of a ConvNet loaded from a state_dict, and the reference's gradient factor.
#include "TestSupport.h"

#include "io/Npy.h"
#include "models/internal/ModelInspection.h"

#include <QtTest>

#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

using namespace dq;
namespace fs = std::filesystem;

namespace {

using Shape = std::vector<std::int64_t>;

fs::path fixture(const char* name) { return dqtest::fixturesDir() / "torchscript" / name; }

float maxAbsDiff(const NpyArray& a, const NpyArray& b)
{
    const auto x = a.toVector<float>(), y = b.toVector<float>();
    if (x.size() != y.size())
        return INFINITY;
    float m = 0;
    for (std::size_t i = 0; i < x.size(); ++i)
        m = std::max(m, std::abs(x[i] - y[i]));
    return m;
}

QString joinedShape(const Shape& s)
{
    QStringList parts;
    for (auto d : s)
        parts << QString::number(d);
    return parts.join('x');
}

} // namespace

Q_DECLARE_METATYPE(Shape)

class ModelsTest : public QObject {
    Q_OBJECT

private slots:
    void shapes_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("size");
        QTest::addColumn<Shape>("embedding");
        QTest::addColumn<Shape>("featureMap");
        // ConvNet pads its first conv by 3 on 1 channel (28 -> 32), as the original does.
        QTest::newRow("convnet 1ch 28") << "convnet" << 1 << 28 << Shape{2, 2048} << Shape{2, 128, 4, 4};
        QTest::newRow("convnet 1ch 32") << "convnet" << 1 << 32 << Shape{2, 2048} << Shape{2, 128, 4, 4};
        QTest::newRow("convnet 3ch 32") << "convnet" << 3 << 32 << Shape{2, 2048} << Shape{2, 128, 4, 4};
        QTest::newRow("convnet 3ch 28") << "convnet" << 3 << 28 << Shape{2, 1152} << Shape{2, 128, 3, 3};
        QTest::newRow("resnet18 1ch 28") << "resnet18" << 1 << 28 << Shape{2, 512} << Shape{2, 512, 4, 4};
        QTest::newRow("resnet18 3ch 32") << "resnet18" << 3 << 32 << Shape{2, 512} << Shape{2, 512, 4, 4};
        QTest::newRow("imagenet 1ch 28") << "resnet18-imagenet" << 1 << 28 << Shape{2, 512} << Shape{2, 512, 1, 1};
        QTest::newRow("imagenet 3ch 32") << "resnet18-imagenet" << 3 << 32 << Shape{2, 512} << Shape{2, 512, 1, 1};
        QTest::newRow("imagenet 3ch 224") << "resnet18-imagenet" << 3 << 224 << Shape{2, 512} << Shape{2, 512, 7, 7};
    }

    void shapes()
    {
        QFETCH(QString, model);
        QFETCH(int, channels);
        QFETCH(int, size);
        QFETCH(Shape, embedding);
        QFETCH(Shape, featureMap);
        ModelSpec s;
        s.name = model.toStdString();
        s.channels = channels;
        s.height = s.width = size;
        s.classes = 7;
        const ModelSummary m = summarizeModel(s);
        QCOMPARE(m.logits, (Shape{2, 7}));
        QVERIFY2(m.embedding == embedding, qPrintable(joinedShape(m.embedding)));
        QVERIFY2(m.featureMap == featureMap, qPrintable(joinedShape(m.featureMap)));
        QCOMPARE(m.state.front().shape.at(1), std::int64_t(channels)); // the stem takes `channels`
    }

    // Names and shapes of resnet18-imagenet equal torchvision's resnet18().state_dict(),
    // in order (dumped by tests/fixtures/make_torchscript_fixture.py).
    void imagenetFormHasTorchvisionNames()
    {
        std::ifstream in(fixture("resnet18_state_dict.txt"));
        QVERIFY(in);
        std::vector<std::pair<std::string, std::string>> expected;
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#')
                continue;
            std::istringstream ss(line);
            std::string name, shape;
            ss >> name >> shape;
            expected.push_back({name, shape});
        }
        QCOMPARE(expected.size(), std::size_t(122));
        ModelSpec s;
        s.name = "resnet18-imagenet";
        s.channels = 3;
        s.classes = 1000;
        s.height = s.width = 224;
        const ModelSummary m = summarizeModel(s);
        QCOMPARE(m.state.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(m.state[i].name, expected[i].first);
            const QString shape = m.state[i].shape.empty() ? "scalar" : joinedShape(m.state[i].shape);
            QCOMPARE(shape, QString::fromStdString(expected[i].second));
        }
        QCOMPARE(m.parameterCount, std::int64_t(11689512)); // torchvision's resnet18

        // The CIFAR form has the same names; only the stem differs (3x3, no max-pool).
        s.name = "resnet18";
        const ModelSummary c = summarizeModel(s);
        QCOMPARE(c.state.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i)
            QCOMPARE(c.state[i].name, expected[i].first);
        QCOMPARE(c.state[0].shape, (Shape{64, 3, 3, 3}));
    }

    void convnetHasOriginalNames()
    {
        const ModelSummary m = summarizeModel(ModelSpec{});
        QStringList names;
        for (const auto& t : m.state)
            names << QString::fromStdString(t.name);
        QCOMPARE(names, (QStringList{"features.0.weight", "features.0.bias", "features.1.weight", "features.1.bias",
                                     "features.4.weight", "features.4.bias", "features.5.weight", "features.5.bias",
                                     "features.8.weight", "features.8.bias", "features.9.weight", "features.9.bias",
                                     "classifier.weight", "classifier.bias"}));
    }

    void seedFixesInitialWeights()
    {
        const NpyArray x = readNpy(fixture("input.npy"));
        for (const char* model : {"convnet", "resnet18"}) {
            ModelSpec s;
            s.name = model;
            s.seed = 3;
            const ModelOutputs a = runModel(s, {}, x), b = runModel(s, {}, x);
            QCOMPARE(a.logits.bytes, b.logits.bytes);
            s.seed = 4;
            const ModelOutputs c = runModel(s, {}, x);
            QVERIFY(maxAbsDiff(a.logits, c.logits) > 1e-3f);
        }
    }

    // A ConvNet state_dict written by Python's torch.save loads under the same names and
    // gives Python's outputs.
    void convnetMatchesPython()
    {
        ModelSpec s;
        s.convnetWidth = 16;
        const ModelOutputs o = runModel(s, fixture("convnet_w16.pth"), readNpy(fixture("input.npy")));
        QCOMPARE(o.embedding.shape, (Shape{16, 256}));
        QVERIFY(maxAbsDiff(o.embedding, readNpy(fixture("convnet_w16_embedding.npy"))) < 1e-5f);
        QVERIFY(maxAbsDiff(o.logits, readNpy(fixture("convnet_w16_logits.npy"))) < 1e-5f);
    }

    void mismatchedWeightsNameTheKey()
    {
        ModelSpec s; // width 128: every conv has another shape than the file's
        DQ_EXPECT_ERROR(runModel(s, fixture("convnet_w16.pth"), readNpy(fixture("input.npy"))), "convnet_w16.pth",
                        "features.0.weight");
        ModelSpec r;
        r.name = "resnet18";
        DQ_EXPECT_ERROR(runModel(r, fixture("convnet_w16.pth"), readNpy(fixture("input.npy"))), "convnet_w16.pth", "missing",
                        "conv1.weight");
    }

    // The closed form b = p * (g - <p, g>) equals autograd through CE(softmax(z), y), and
    // Python's autograd of the same expression (the reference's code).
    void gradientFactorMatchesAutograd()
    {
        std::mt19937 rng(11);
        std::normal_distribution<float> n(0.0f, 4.0f);
        std::vector<float> z(64 * 10);
        for (auto& v : z)
            v = n(rng);
        z[5] = 60.0f; // a saturated softmax
        std::vector<std::int64_t> y(64);
        for (std::size_t i = 0; i < y.size(); ++i)
            y[i] = static_cast<std::int64_t>((i * 7) % 10);
        const NpyArray logits = NpyArray::fromVector(z, {64, 10});
        const NpyArray closed = gradientFactor(logits, y, false), autograd = gradientFactor(logits, y, true);
        QCOMPARE(closed.shape, (Shape{64, 10}));
        QVERIFY(maxAbsDiff(closed, autograd) < 1e-7f);
        // Not the plain softmax gradient p - onehot(y) of ordinary cross-entropy.
        {
            double denom = 0;
            for (int c = 0; c < 10; ++c)
                denom += std::exp(static_cast<double>(z[static_cast<std::size_t>(c)]));
            const double plain = std::exp(static_cast<double>(z[0])) / denom - (y[0] == 0 ? 1.0 : 0.0);
            QVERIFY(std::abs(plain - closed.toVector<float>()[0]) > 1e-3);
        }
        const auto b = closed.toVector<float>();
        for (int r = 0; r < 64; ++r) { // rows of the softmax Jacobian's image sum to 0
            double sum = 0;
            for (int c = 0; c < 10; ++c)
                sum += b[static_cast<std::size_t>(r * 10 + c)];
            QVERIFY(std::abs(sum) < 1e-6);
        }

        const NpyArray pyLogits = readNpy(fixture("tiny_logits.npy"));
        const auto labels = readNpy(fixture("labels.npy")).toVector<std::int64_t>();
        QVERIFY(maxAbsDiff(gradientFactor(pyLogits, labels, false), readNpy(fixture("tiny_b.npy"))) < 1e-7f);
    }
};

QTEST_GUILESS_MAIN(ModelsTest)
#include "tst_Models.moc"
