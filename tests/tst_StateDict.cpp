// Tests of loading PyTorch state dicts into LibTorch modules (core/models/internal/StateDict.h):
// the checkpoints and Python's forward output come from
// tests/fixtures/make_checkpoint_fixtures.py (Debian's python3-torch 1.13).
// LibTorch before Qt: Qt's `slots` macro breaks torch's headers.
#include "io/internal/TorchCheckpoint.h"
#include "models/internal/StateDict.h"

#include <torch/nn.h>

#include "TestSupport.h"

#include "common/Error.h"
#include "io/Npy.h"

#include <QtTest>

#include <filesystem>
#include <map>

namespace fs = std::filesystem;

namespace {

fs::path checkpoints() { return dqtest::fixturesDir() / "checkpoints"; }

// Net of the fixture generator: the same names, the same forward.
struct NetImpl : torch::nn::Module {
    explicit NetImpl(int classes = 5, bool withExtra = false)
    {
        features = register_module("features",
                                   torch::nn::Sequential(torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 4, 3).padding(1)),
                                                         torch::nn::BatchNorm2d(4), torch::nn::ReLU()));
        fc = register_module("fc", torch::nn::Linear(4 * 4 * 4, classes));
        if (withExtra)
            extra = register_module("extra", torch::nn::Linear(2, 2));
    }
    torch::Tensor forward(torch::Tensor x)
    {
        x = torch::avg_pool2d(features->forward(x), 2);
        return fc->forward(x.flatten(1));
    }
    torch::nn::Sequential features{nullptr};
    torch::nn::Linear fc{nullptr}, extra{nullptr};
};
TORCH_MODULE(Net);

torch::Tensor npyFloat(const fs::path& p)
{
    const dq::NpyArray a = dq::readNpy(p);
    return torch::from_blob(const_cast<std::uint8_t*>(a.bytes.data()), a.shape, torch::kFloat).clone();
}

dq::NamedTensors fileState(const char* name) { return dq::stateDict(dq::readTorchCheckpoint(checkpoints() / name)); }

std::map<std::string, torch::Tensor> byName(const dq::NamedTensors& v) { return {v.begin(), v.end()}; }

} // namespace

class TestStateDict : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void forwardMatchesPython_data();
    void forwardMatchesPython();
    void strictErrors();
    void nonStrictReport();
    void prefix();
    void halfToFloat();
};

void TestStateDict::initTestCase() { }

void TestStateDict::forwardMatchesPython_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("strip");
    QTest::newRow("zip") << "model_zip.pth"
                         << "";
    QTest::newRow("legacy") << "model_legacy.pth"
                            << "";
    QTest::newRow("nested") << "model_nested.pth"
                            << "";
    QTest::newRow("DataParallel") << "model_wrapped_legacy.pth"
                                  << "module.";
}

// The C++ module with the file's weights gives Python's output (eval mode).
void TestStateDict::forwardMatchesPython()
{
    QFETCH(QString, file);
    QFETCH(QString, strip);
    torch::manual_seed(0);
    Net net;
    dq::StateDictOptions options;
    if (!strip.isEmpty())
        options.renamePrefixes = {{strip.toStdString(), ""}};
    const auto report = dq::loadStateDict(*net, fileState(file.toUtf8().constData()), file.toStdString(), options);
    QVERIFY(report.complete());
    QCOMPARE(report.loaded.size(), std::size_t{9});
    QVERIFY(report.summary().empty());
    net->eval();
    torch::NoGradGuard noGrad;
    const torch::Tensor y = net->forward(npyFloat(checkpoints() / "model_input.npy"));
    const torch::Tensor expected = npyFloat(checkpoints() / "model_output.npy");
    QCOMPARE(y.sizes().vec(), (std::vector<std::int64_t>{2, 5}));
    const double err = (y - expected).abs().max().item<double>();
    QVERIFY2(err < 1e-5, qPrintable(QString("max abs difference %1").arg(err)));
    // An untrained net does not match: the comparison can fail.
    Net fresh;
    fresh->eval();
    QVERIFY((fresh->forward(npyFloat(checkpoints() / "model_input.npy")) - expected).abs().max().item<double>() > 1e-3);
    // Buffers too: BatchNorm's running statistics and its int64 batch count.
    auto bn = net->features[1]->as<torch::nn::BatchNorm2d>();
    QCOMPARE(bn->num_batches_tracked.item<std::int64_t>(), std::int64_t{3});
    QVERIFY(torch::equal(bn->running_var, byName(fileState("model_zip.pth")).at("features.1.running_var")));
}

// Every bad key named in one message; a strict load changes nothing.
void TestStateDict::strictErrors()
{
    torch::manual_seed(0);
    Net net(7, true);
    const torch::Tensor before = net->features[0]->as<torch::nn::Conv2d>()->weight.clone();
    auto state = fileState("model_zip.pth");
    state.emplace_back("head.weight", torch::zeros({2, 2}));
    DQ_EXPECT_ERROR(dq::loadStateDict(*net, state, "/data/net.pth"),
                    "/data/net.pth: 2 missing keys (extra.weight, extra.bias); 1 unexpected key (head.weight); "
                    "fc.weight has shape [5, 64] in the file but [7, 64] in the model; "
                    "fc.bias has shape [5] in the file but [7] in the model");
    QVERIFY(torch::equal(net->features[0]->as<torch::nn::Conv2d>()->weight, before));

    // One kind at a time, singular wording.
    Net other;
    auto partial = fileState("model_zip.pth");
    partial.erase(partial.begin()); // features.0.weight
    DQ_EXPECT_ERROR(dq::loadStateDict(*other, partial, "x.pth"), "x.pth: 1 missing key (features.0.weight)");
}

// Non-strict: the matching keys load; the report says what did not.
void TestStateDict::nonStrictReport()
{
    torch::manual_seed(0);
    Net net(7, true);
    const torch::Tensor fcBefore = net->fc->weight.clone();
    auto state = fileState("model_zip.pth");
    state.emplace_back("head.weight", torch::zeros({2, 2}));
    const auto report = dq::loadStateDict(*net, state, "net.pth", false);
    QVERIFY(!report.complete());
    QCOMPARE(report.loaded, (std::vector<std::string>{"features.0.weight", "features.0.bias", "features.1.weight",
                                                      "features.1.bias", "features.1.running_mean", "features.1.running_var",
                                                      "features.1.num_batches_tracked"}));
    QCOMPARE(report.missing, (std::vector<std::string>{"extra.weight", "extra.bias"}));
    QCOMPARE(report.unexpected, (std::vector<std::string>{"head.weight"}));
    QCOMPARE(report.mismatched, (std::vector<std::string>{"fc.weight", "fc.bias"}));
    QVERIFY(QString::fromStdString(report.summary()).contains("1 unexpected key (head.weight)"));
    const auto file = byName(state);
    QVERIFY(torch::equal(net->features[0]->as<torch::nn::Conv2d>()->weight, file.at("features.0.weight")));
    QVERIFY(torch::equal(net->fc->weight, fcBefore)); // the fresh head stays
}

void TestStateDict::prefix()
{
    Net net;
    const auto wrapped = fileState("model_wrapped_legacy.pth");
    DQ_EXPECT_ERROR(dq::loadStateDict(*net, wrapped, "dp.pth"), "dp.pth: 9 missing keys (features.0.weight",
                    "9 unexpected keys (module.features.0.weight", "strip that prefix");
    const auto renamed = dq::renameKeyPrefix(wrapped, "module.", "");
    QCOMPARE(renamed[0].first, std::string("features.0.weight"));
    QVERIFY(dq::loadStateDict(*net, renamed, "dp.pth").complete());
}

// float16 weights into float32 parameters: each value converted exactly.
void TestStateDict::halfToFloat()
{
    Net net;
    const auto half = fileState("model_half.pth");
    QCOMPARE(byName(half).at("fc.weight").scalar_type(), torch::kHalf);
    QCOMPARE(byName(half).at("features.1.num_batches_tracked").scalar_type(), torch::kLong);
    QVERIFY(dq::loadStateDict(*net, half, "half.pth").complete());
    QCOMPARE(net->fc->weight.scalar_type(), torch::kFloat);
    QVERIFY(torch::equal(net->fc->weight, byName(half).at("fc.weight").to(torch::kFloat)));
    // ... which differ from the float32 originals by float16's rounding only.
    const auto full = byName(fileState("model_zip.pth")).at("fc.weight");
    const double err = (net->fc->weight - full).abs().max().item<double>();
    QVERIFY(err > 0 && err < 1e-3);
    // Still a trainable leaf: the copy recorded no gradient history.
    QVERIFY(net->fc->weight.requires_grad() && net->fc->weight.is_leaf());
}

QTEST_APPLESS_MAIN(TestStateDict)
#include "tst_StateDict.moc"
