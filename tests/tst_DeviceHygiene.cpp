// Device hygiene of the torch stages (issue 20), provable without a GPU: under a
// DeviceProbe, selection training and features, the evaluation's training and test, the
// CAMs and the MAE's training and reconstruction report the device of every tensor they
// hand to a model, an optimizer step, the CAM or the MAE; all must be the device asked
// for. The run uses CUDA when this LibTorch and machine have it (then the host reads of
// the training loops must also be fewer than their batches), else the CPU. Also: --device
// parsing, the read pacing, and a pinned round trip on a real GPU (skipped without one).
// Torch before Qt: Qt's `slots` macro breaks LibTorch's headers.
#include <torch/cuda.h>

#include "models/internal/Device.h"
#include "models/internal/DeviceProbe.h"
#include "models/internal/DeviceTransfer.h"
#include "models/internal/HostReadPacer.h"

#include "TestSupport.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "common/JobContext.h"
#include "common/Threads.h"
#include "datasets/DatasetSpec.h"
#include "features/FeatureExtractor.h"
#include "io/Npy.h"
#include "pixel/PixelQuantizer.h"
#include "common/JobContext.h"
#include "stages/torch/EvaluationStage.h"

#include <QTemporaryDir>
#include <QtTest>

#include <numeric>
#include <set>

using namespace dq;
namespace fs = std::filesystem;

namespace {

// Every probed tensor is on `want`, and each of `stages` was probed at least once.
QString checkProbe(const DeviceProbe& probe, const torch::Device& want, const std::set<std::string>& stages)
{
    std::set<std::string> seen;
    for (const DeviceProbe::Entry& e : probe.tensors()) {
        seen.insert(e.stage);
        if (e.device != want)
            return QString("%1: a tensor on %2, expected %3")
                .arg(e.stage.c_str(), e.device.str().c_str(), want.str().c_str());
    }
    for (const std::string& s : stages)
        if (!seen.count(s))
            return QString("stage '%1' probed no tensor").arg(s.c_str());
    return {};
}

} // namespace

class DeviceHygieneTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    fs::path dir_;
    std::string spec_; // 1,200 training and 300 test images of Fashion-MNIST
    DatasetBundle data_;
    std::string deviceSpec_;
    torch::Device device_ = torch::kCPU;

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        configureThreads();
        dir_ = tmp_.path().toStdString();
        spec_ = dqtest::writeSmallFashionMnist(dir_ / "fashion-mnist-small", 1200, 300);
        data_ = openDataset(spec_);
        deviceSpec_ = torch::cuda::is_available() ? "cuda:0" : "cpu";
        std::string note;
        device_ = resolveDevice(deviceSpec_, note);
        qInfo("stages run on %s", device_.str().c_str());
    }

    void selectionTrainingAndFeatures()
    {
        FeatureParams p;
        p.model = "convnet";
        p.epochs = 1;
        p.mode = FeatureMode::Gradient;
        p.device = deviceSpec_;
        p.batchSize = 128;
        p.limit = 600;
        p.cacheDir = dir_ / "cache-features";
        p.datasetSpec = spec_;
        DeviceProbe probe;
        CancelToken cancel;
        JobContext context(Progress::none(), cancel);
        const FeatureResult r = extractFeatures(*data_.train, p, context);
        QCOMPARE(r.device, device_.str());
        const QString bad = checkProbe(probe, device_, {"selection training", "selection optimizer step", "features"});
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
        // 600 images in training batches of 128: 5 batches, one read each on the CPU (where
        // reads are free) and one more at the end of the epoch; fewer on a GPU.
        const std::int64_t reads = probe.hostReads()["selection training"];
        if (device_.is_cuda())
            QVERIFY2(reads < 6, qPrintable(QString::number(reads)));
        else
            QCOMPARE(reads, std::int64_t(6));
    }

    void evaluationTrainingAndTest()
    {
        std::vector<std::int64_t> even;
        for (std::int64_t i = 0; i < 1200; i += 2)
            even.push_back(i);
        writeNpy(dir_ / "even.npy", NpyArray::fromVector(even));
        EvaluationParams p;
        p.datasetSpec = spec_;
        p.subsets = {SubsetSpec::indexFile("even", dir_ / "even.npy")};
        p.recipe.width = 16;
        p.recipe.epochs = 1;
        p.recipe.batchSize = 64;
        p.seeds = {0};
        p.device = deviceSpec_;
        p.cacheDir = dir_ / "cache-evaluation";
        p.reuseCache = false;
        DeviceProbe probe;
        const CancelToken cancel;
        JobContext context(Progress::none(), cancel);
        runEvaluation(p, context);
        const QString bad =
            checkProbe(probe, device_, {"evaluation training", "evaluation optimizer step", "evaluation test"});
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
    }

    void camsAndMae()
    {
        PixelParams p;
        p.cam = "gradcam++";
        p.camTargetLabel = true; // the labels travel to the device too
        p.camModel = "convnet";
        p.camEpochs = 1;
        p.recon = "mae-compact";
        p.maeEpochs = 1;
        p.trainLimit = 600;
        p.device = deviceSpec_;
        p.cacheDir = dir_ / "cache-pixel";
        p.datasetSpec = spec_;
        std::vector<std::int64_t> indices(64);
        std::iota(indices.begin(), indices.end(), 0);
        DeviceProbe probe;
        const CancelToken cancel;
        JobContext context(Progress::none(), cancel);
        const PixelResult r = runPixelQuantization(*data_.train, indices, p, dir_ / "pixel", context);
        QCOMPARE(r.images, std::int64_t(64));
        const QString bad = checkProbe(probe, device_, {"cam", "mae training", "mae optimizer step", "mae"});
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
    }

    // CPU: every batch may read (it costs nothing). CUDA: the first, then one per interval.
    void hostReadPacing()
    {
        HostReadPacer cpu(torch::Device(torch::kCPU));
        for (int i = 0; i < 5; ++i)
            QVERIFY(cpu.due());
        HostReadPacer gpu(torch::Device(torch::kCUDA, 0), std::chrono::milliseconds(60000));
        QVERIFY(gpu.due());
        for (int i = 0; i < 1000; ++i)
            QVERIFY(!gpu.due());
    }

    void deviceParsing_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("error"); // empty: accepted; "device: ..." (dq: --device)
        QTest::addColumn<bool>("usage"); // a malformed spec (exit status 2), whatever the machine
        QTest::newRow("cpu") << "cpu"
                             << "" << false;
        QTest::newRow("auto") << "auto"
                              << "" << false;
        QTest::newRow("empty number") << "cuda:"
                                      << "device: 'cuda:': expected cuda:N" << true;
        QTest::newRow("letters") << "cuda:x"
                                 << "device: 'cuda:x': expected cuda:N" << true;
        QTest::newRow("negative") << "cuda:-1"
                                  << "device: 'cuda:-1': expected cuda:N" << true;
        QTest::newRow("too long") << "cuda:1234"
                                  << "device: 'cuda:1234': expected cuda:N" << true;
        QTest::newRow("unknown") << "gpu"
                                 << "device: unknown device 'gpu'" << true;
        QTest::newRow("upper case") << "CUDA"
                                    << "device: unknown device 'CUDA'" << true;
    }

    void deviceParsing()
    {
        QFETCH(QString, spec);
        QFETCH(QString, error);
        QFETCH(bool, usage);
        std::string note;
        try {
            const torch::Device d = resolveDevice(spec.toStdString(), note);
            QVERIFY2(error.isEmpty(), qPrintable("accepted: " + QString::fromStdString(d.str())));
            if (spec == "cpu" || !torch::cuda::is_available())
                QCOMPARE(d, torch::Device(torch::kCPU));
        } catch (const UsageError& e) {
            QVERIFY2(usage && QString(e.what()).startsWith(error), e.what());
        } catch (const Error& e) {
            QFAIL(e.what());
        }
    }

    // cuda:7: on a CPU build, CUDA is absent; on a machine with fewer GPUs, the count is named.
    void deviceNumberOutOfRange()
    {
        std::string note;
        const int count = torch::cuda::is_available() ? static_cast<int>(torch::cuda::device_count()) : 0;
        if (count > 7)
            QSKIP("this machine has 8 or more GPUs: cuda:7 exists");
        try {
            resolveDevice("cuda:7", note);
            QFAIL("cuda:7 accepted");
        } catch (const UsageError& e) {
            QFAIL(e.what()); // well-formed: not a usage error
        } catch (const Error& e) {
            const QString what = e.what();
            QVERIFY2(what.startsWith("device: cuda:7 requested but "), e.what());
            QVERIFY2(what.contains(count == 0 ? "CUDA is not available" : "CUDA device(s) are visible"), e.what());
        }
    }

    // Across ranks "auto" and "cuda" take the local rank's GPU; one process, no GPU, "cpu"
    // or an explicit cuda:N keep their single-process meaning.
    void localRankPicksTheGpu()
    {
        QCOMPARE(rankDeviceIndex("auto", 3, 8, 4), 3); // local rank 3 of a node with 4 GPUs
        QCOMPARE(rankDeviceIndex("cuda", 0, 2, 2), 0);
        QCOMPARE(rankDeviceIndex("cuda", 1, 2, 2), 1);
        QCOMPARE(rankDeviceIndex("auto", 1, 1, 2), -1); // one process
        QCOMPARE(rankDeviceIndex("auto", 1, 2, 0), -1); // no GPU: the CPU, as in one process
        QCOMPARE(rankDeviceIndex("cpu", 1, 2, 2), -1);
        QCOMPARE(rankDeviceIndex("cuda:0", 1, 2, 2), -1); // the user's explicit choice
        DQ_EXPECT_ERROR(rankDeviceIndex("cuda", 2, 4, 2), "device: local rank 2", "only 2 CUDA device(s)");
    }

    void realCudaRoundTrip()
    {
        if (!torch::cuda::is_available())
            QSKIP("no CUDA device in this LibTorch build or machine: the GPU path runs in packaging/device-check.sh");
        std::string note;
        QCOMPARE(resolveDevice("cuda", note), torch::Device(torch::kCUDA, 0));
        const torch::Device cuda(torch::kCUDA, 0);
        const torch::Tensor host = torch::arange(1000, hostOptionsFor(cuda, torch::kFloat));
        QVERIFY(host.is_pinned());
        const torch::Tensor onGpu = toDevice(host, cuda);
        QCOMPARE(onGpu.device(), cuda);
        QVERIFY(torch::equal(onGpu.to(torch::kCPU), host));
    }

    // The check itself: a tensor left on another device (here the meta device) is named.
    void probeCatchesAStrayTensor()
    {
        DeviceProbe probe;
        probeTensor("features", torch::zeros({2}));
        probeTensor("features", torch::empty({2}, torch::TensorOptions().device(torch::kMeta)));
        const QString bad = checkProbe(probe, torch::kCPU, {"features"});
        QVERIFY2(bad.startsWith("features: a tensor on meta, expected cpu"), qPrintable(bad));
        QCOMPARE(checkProbe(probe, torch::kCPU, {"mae"}).isEmpty(), false);
    }

    // On the CPU the transfer is the tensor itself: no copy, bit-identical results.
    void cpuTransferIsIdentity()
    {
        const torch::Tensor t = torch::arange(10, hostOptionsFor(torch::kCPU, torch::kFloat));
        QVERIFY(!t.is_pinned());
        QVERIFY(toDevice(t, torch::kCPU).is_same(t));
    }
};

QTEST_GUILESS_MAIN(DeviceHygieneTest)
#include "tst_DeviceHygiene.moc"
