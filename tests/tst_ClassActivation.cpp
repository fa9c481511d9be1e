// Class-activation maps: GradCAM and GradCAM++ of a TorchScript module equal
// pytorch-grad-cam's formulas run one image at a time in Python (files made by
// tests/fixtures/cam/make_cam_fixture.py), batched maps of a built-in ConvNet on
// Fashion-MNIST equal its one-image maps, the CAM classifier shares extractFeatures'
// trained-weights cache, patch scores, seeded random scores, overlays and the errors.
#include <torch/nn.h>

#include "features/internal/TrainedClassifier.h"
#include "pixel/internal/CamNetwork.h"
#include "pixel/internal/ClassActivation.h"

#include "TestSupport.h"

#include "common/Progress.h"
#include "common/Threads.h"
#include "datasets/DatasetSpec.h"
#include "models/internal/BatchLoader.h"
#include "features/FeatureExtractor.h"
#include "io/Npy.h"
#include "models/internal/BuiltinModel.h"
#include "models/internal/TorchScriptModel.h"
#include "pixel/internal/CamMethod.h"
#include "pixel/internal/Heatmap.h"
#include "common/JobContext.h"

#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <cmath>
#include <numeric>

using namespace dq;
namespace fs = std::filesystem;

namespace {

fs::path fixture(const std::string& name) { return dqtest::fixturesDir() / "cam" / name; }

torch::Tensor floatTensor(const NpyArray& a)
{
    std::vector<float> v = a.toVector<float>();
    return torch::from_blob(v.data(), a.shape, torch::kFloat).clone();
}

torch::Tensor longTensor(const NpyArray& a)
{
    std::vector<std::int64_t> v = a.toVector<std::int64_t>();
    return torch::from_blob(v.data(), a.shape, torch::kLong).clone();
}

float maxAbsDiff(const torch::Tensor& a, const torch::Tensor& b)
{
    if (a.sizes() != b.sizes())
        return INFINITY;
    return (a.to(torch::kFloat) - b.to(torch::kFloat)).abs().max().item<float>();
}

QByteArray diffText(float d) { return QByteArray::number(static_cast<double>(d), 'g', 3); }

} // namespace

class ClassActivationTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    DatasetBundle fmnist_;

    FeatureParams convnetParams() const
    {
        FeatureParams p;
        p.model = "convnet";
        p.epochs = 1;
        p.limit = 1024;
        p.device = "cpu";
        p.seed = 3;
        p.mode = FeatureMode::Embedding;
        p.cacheDir = fs::path(tmp_.path().toStdString()) / "cache";
        p.datasetSpec = fmnist_.spec;
        p.datasetName = fmnist_.name;
        return p;
    }

    ImageBatch firstImages(const ModelInput& input, int count)
    {
        std::vector<std::int64_t> order(static_cast<std::size_t>(count));
        std::iota(order.begin(), order.end(), 0);
        CancelToken cancel;
        BatchLoader loader(*fmnist_.train, order, count, input, cancel);
        ImageBatch batch;
        if (!loader.next(batch))
            qFatal("no batch");
        return batch;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        configureThreads();
        fmnist_ = openDataset("fashion-mnist:" + dqtest::fashionMnistDir().string());
    }

    void parseMethods()
    {
        QCOMPARE(parseCamMethod("gradcam"), CamMethod::GradCam);
        QCOMPARE(parseCamMethod("gradcam++"), CamMethod::GradCamPlusPlus);
        QCOMPARE(parseCamMethod("random"), CamMethod::Random);
        for (CamMethod m : {CamMethod::GradCam, CamMethod::GradCamPlusPlus, CamMethod::Random})
            QCOMPARE(parseCamMethod(camMethodName(m)), m);
        DQ_EXPECT_ERROR(parseCamMethod("grad-cam"), "cam: ", "grad-cam", "gradcam, gradcam++ or random");
        DQ_EXPECT_ERROR(parseCamMethod("GradCAM", "cam_method"), "cam_method", "GradCAM");
        try {
            parseCamMethod("");
            QFAIL("no error");
        } catch (const UsageError&) { }
    }

    // The maps of pytorch-grad-cam's formulas (Python, one image at a time) for the
    // predicted classes and for given labels, from one batched C++ pass.
    void torchScriptParity_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<bool>("useLabels");
        QTest::newRow("gradcam predicted") << "gradcam" << false;
        QTest::newRow("gradcam labels") << "gradcam" << true;
        QTest::newRow("gradcam++ predicted") << "gradcampp" << false;
        QTest::newRow("gradcam++ labels") << "gradcampp" << true;
    }

    void torchScriptParity()
    {
        QFETCH(QString, method);
        QFETCH(bool, useLabels);
        TorchScriptModel model(fixture("tiny_cam.pt"));
        model.probe(1, 28, 28, torch::kCPU);
        const auto net = camNetwork(model);
        const torch::Tensor x = floatTensor(readNpy(fixture("input.npy")));
        const torch::Tensor labels = longTensor(readNpy(fixture("labels.npy")));
        const torch::Tensor predicted = longTensor(readNpy(fixture("predicted.npy")));
        const std::string stem = method.toStdString() + (useLabels ? "_label" : "_pred");
        const CamBatch b = computeCams(*net, x, method == "gradcam" ? CamMethod::GradCam : CamMethod::GradCamPlusPlus,
                                       useLabels ? labels : torch::Tensor());
        QVERIFY(torch::equal(b.predicted, predicted));
        QVERIFY(torch::equal(b.targets, useLabels ? labels : predicted));
        const torch::Tensor expected = floatTensor(readNpy(fixture(stem + ".npy")));
        QCOMPARE(b.maps.sizes().vec(), (std::vector<std::int64_t>{8, 7, 7}));
        const float d = maxAbsDiff(b.maps, expected);
        QVERIFY2(d < 1e-5f, diffText(d));
        QVERIFY(expected.max().item<float>() > 0.99f); // a map, not all zeros
        const fs::path image = fixture(stem + "_image.npy");
        if (fs::exists(image)) {
            const float di = maxAbsDiff(camImages(b.maps, 28, 28), floatTensor(readNpy(image)));
            QVERIFY2(di < 1e-5f, diffText(di));
        }
    }

    void torchScriptWithoutFeatureMap()
    {
        TorchScriptModel model(fixture("no_cam.pt"));
        DQ_EXPECT_ERROR(camNetwork(model), "no_cam.pt", "feature_map");
    }

    void badRequests()
    {
        TorchScriptModel model(fixture("tiny_cam.pt"));
        const auto net = camNetwork(model);
        const torch::Tensor x = floatTensor(readNpy(fixture("input.npy")));
        DQ_EXPECT_ERROR(computeCams(*net, x, CamMethod::Random), "random");
        DQ_EXPECT_ERROR(computeCams(*net, x, CamMethod::GradCam, torch::full({8}, 10, torch::kLong)), "labels", "[0, 10)");
        DQ_EXPECT_ERROR(computeCams(*net, x, CamMethod::GradCam, torch::zeros({3}, torch::kLong)), "3 labels");
    }

    // The CAM classifier comes from the weights extractFeatures trained and cached, and
    // batched maps of it equal one-image maps (the reference computes one at a time).
    void builtinBatchedEqualsSingle()
    {
        const FeatureParams p = convnetParams();
        CancelToken cancel;
        JobContext context(Progress::none(), cancel);
        const FeatureResult features = extractFeatures(*fmnist_.train, p, context);
        QVERIFY(!features.weightsFromCache);
        const auto t0 = std::chrono::steady_clock::now();
        TrainedClassifier t = trainedClassifier(*fmnist_.train, p, context);
        QVERIFY(t.fromCache);
        QVERIFY(t.epochLoss.empty());
        QVERIFY(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5)); // no training
        QCOMPARE(t.input.height, 28);
        QCOMPARE(t.input.normalization, std::string("fashion-mnist"));
        auto& builtin = dynamic_cast<BuiltinModel&>(*t.model);
        QVERIFY(!builtin.network().is_training());

        const int n = 24;
        const ImageBatch batch = firstImages(t.input, n);
        const auto net = camNetwork(*t.model);
        for (CamMethod m : {CamMethod::GradCamPlusPlus, CamMethod::GradCam}) {
            for (bool useLabels : {false, true}) {
                const torch::Tensor labels = useLabels ? batch.labels : torch::Tensor();
                const CamBatch all = computeCams(*net, batch.images, m, labels);
                QCOMPARE(all.maps.sizes().vec(), (std::vector<std::int64_t>{n, 4, 4}));
                float worst = 0;
                for (int i = 0; i < n; ++i) {
                    const CamBatch one = computeCams(*net, batch.images.narrow(0, i, 1), m,
                                                     useLabels ? labels.narrow(0, i, 1) : torch::Tensor());
                    worst = std::max(worst, maxAbsDiff(one.maps[0], all.maps[i]));
                    QCOMPARE(one.targets[0].item<std::int64_t>(), all.targets[i].item<std::int64_t>());
                }
                QVERIFY2(worst < 1e-5f, diffText(worst));
                QVERIFY(all.maps.min().item<float>() >= 0 && all.maps.max().item<float>() <= 1);
                QVERIFY(all.maps.max().item<float>() > 0.99f);
                if (useLabels)
                    QVERIFY(torch::equal(all.targets, batch.labels));
                else
                    QVERIFY(torch::equal(all.targets, all.predicted));
            }
        }
        // One epoch on 1,024 images: well above chance on the images it saw.
        const CamBatch b = computeCams(*net, batch.images, CamMethod::GradCam);
        const double accuracy = b.predicted.eq(batch.labels).to(torch::kDouble).mean().item<double>();
        QVERIFY2(accuracy > 0.3, QByteArray::number(accuracy));
        for (const torch::Tensor& w : t.model->parameters())
            QVERIFY(!w.grad().defined());
        QVERIFY(!builtin.network().is_training());
    }

    void trainedClassifierErrors()
    {
        FeatureParams p = convnetParams();
        p.model = "pixels";
        CancelToken cancel;
        JobContext context(Progress::none(), cancel);
        DQ_EXPECT_FIELD_ERROR(trainedClassifier(*fmnist_.train, p, context), "model", "pixels");
        p.model = "torchscript:" + (tmp_.path().toStdString() + "/absent.pt");
        DQ_EXPECT_ERROR(trainedClassifier(*fmnist_.train, p, context), "absent.pt");
    }

    // computeCams takes gradients of the feature map only: the parameters get none, and
    // it runs under an outer InferenceMode or NoGradGuard too.
    void leavesNoParameterGradients()
    {
        BuiltinModelOptions o;
        o.name = "convnet";
        o.convnetWidth = 16;
        o.seed = 5;
        BuiltinModel model(makeClassifier(o));
        const auto net = camNetwork(model);
        const torch::Tensor x = torch::randn({4, 1, 28, 28}, torch::TensorOptions().dtype(torch::kFloat));
        CamBatch b;
        {
            c10::InferenceMode inference;
            b = computeCams(*net, x, CamMethod::GradCamPlusPlus);
        }
        QCOMPARE(b.maps.size(0), std::int64_t(4));
        {
            torch::NoGradGuard noGrad;
            const CamBatch again = computeCams(*net, x, CamMethod::GradCamPlusPlus);
            QVERIFY(torch::equal(again.maps, b.maps));
        }
        QVERIFY(!model.parameters().empty());
        for (const torch::Tensor& w : model.parameters())
            QVERIFY(!w.grad().defined());
        QVERIFY(!b.maps.requires_grad());
    }

    void patchScoresOfMaps()
    {
        const PatchGrid grid{14, 14, 16}; // the reference's 224 x 224 MAE grid
        // A constant map carries no information: every score is 0.
        const torch::Tensor flat = torch::full({2, 4, 4}, 0.7f);
        const torch::Tensor s0 = patchScores(scaleCams(flat), 28, 28, grid);
        QCOMPARE(s0.sizes().vec(), (std::vector<std::int64_t>{2, 196}));
        QCOMPARE(s0.abs().max().item<float>(), 0.0f);
        QCOMPARE(scaleCams(torch::zeros({1, 3, 3})).abs().max().item<float>(), 0.0f);

        // The hot corner of the map is the best patch; scores lie in [0, 1].
        torch::Tensor corner = torch::zeros({1, 7, 7});
        corner[0][0][0] = 1;
        const torch::Tensor s1 = patchScores(corner, 28, 28, grid);
        QCOMPARE(s1.argmax().item<std::int64_t>(), std::int64_t(0));
        QVERIFY(s1.min().item<float>() >= 0 && s1.max().item<float>() <= 1);
        const std::vector<int> kept = keepHighestScores(s1.data_ptr<float>(), 196, 3);
        QCOMPARE(kept, (std::vector<int>{0, 1, 14}));

        // Working size = image size: each score is the mean of camImages over its patch.
        torch::Tensor ramp = torch::arange(49, torch::kFloat).reshape({1, 7, 7});
        const PatchGrid native{7, 7, 4};
        const torch::Tensor s2 = patchScores(ramp, 28, 28, native);
        const torch::Tensor img = camImages(ramp, 28, 28)[0];
        QCOMPARE(img.sizes().vec(), (std::vector<std::int64_t>{28, 28}));
        QVERIFY(std::abs(img.max().item<float>() - 1) < 1e-6f && img.min().item<float>() == 0);
        for (int id : {0, 10, 48}) {
            const float mean = img.narrow(0, id / 7 * 4, 4).narrow(1, id % 7 * 4, 4).mean().item<float>();
            QVERIFY(std::abs(s2[0][id].item<float>() - mean) < 1e-6f);
        }
        // A working size below the image's (area shrinking).
        QCOMPARE(patchScores(ramp, 28, 28, PatchGrid{2, 2, 5}).sizes().vec(), (std::vector<std::int64_t>{1, 4}));
    }

    void randomScores()
    {
        const torch::Tensor a = randomPatchScores({5, 9, 2}, 196, 7);
        QCOMPARE(a.sizes().vec(), (std::vector<std::int64_t>{3, 196}));
        QVERIFY(a.min().item<float>() >= 0 && a.max().item<float>() < 1);
        QVERIFY(std::abs(a.mean().item<float>() - 0.5f) < 0.05f);
        QVERIFY(torch::equal(a, randomPatchScores({5, 9, 2}, 196, 7)));
        // A sample's scores do not depend on the batch it is in.
        QVERIFY(torch::equal(a[1], randomPatchScores({9}, 196, 7)[0]));
        QVERIFY(torch::equal(a[2], randomPatchScores({2, 100, 5}, 196, 7)[0]));
        QVERIFY(!torch::equal(a[0], a[1]));
        QVERIFY(!torch::equal(a[0], randomPatchScores({5}, 196, 8)[0]));
        DQ_EXPECT_ERROR(randomPatchScores({-1}, 4, 0), "-1");
    }

    void overlays()
    {
        Image black{2, 3, 1, std::vector<std::uint8_t>(6, 0)};
        // Jet's ends: 1 is red, 0 blue; normalised by the brightest value, as show_cam_on_image.
        const Image hot = heatmapOverlay(black, std::vector<float>(6, 1.0f));
        QCOMPARE(hot.channels, 3);
        QCOMPARE(hot.height, 2);
        QCOMPARE(hot.width, 3);
        QCOMPARE(int(hot.at(1, 2, 0)), 255);
        QCOMPARE(int(hot.at(1, 2, 1)), 0);
        QCOMPARE(int(hot.at(1, 2, 2)), 0);
        const Image cold = heatmapOverlay(black, std::vector<float>(6, 0.0f));
        QCOMPARE(int(cold.at(0, 0, 0)), 0);
        QCOMPARE(int(cold.at(0, 0, 2)), 255);
        // The image shows through with weight 0.5: white lifts every channel.
        Image white{2, 3, 3, std::vector<std::uint8_t>(18, 255)};
        const Image lifted = heatmapOverlay(white, std::vector<float>(6, 1.0f));
        QVERIFY(lifted.at(0, 0, 0) == 255 && lifted.at(0, 0, 1) > 100 && lifted.at(0, 0, 2) > 100);
        DQ_EXPECT_ERROR(heatmapOverlay(black, std::vector<float>(5, 0.0f)), "5 values", "2 x 3");
    }
};

QTEST_GUILESS_MAIN(ClassActivationTest)
#include "tst_ClassActivation.moc"
