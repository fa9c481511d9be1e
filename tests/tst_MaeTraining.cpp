// Tests of MAE pre-training (core/pixel/MaeTraining.h) on real data: 2,000 Fashion-MNIST
// training images, one short epoch of the compact MAE (about 10 s on two quiet cores).
#include "pixel/internal/MaeCheckpoint.h"
#include "pixel/internal/MaeModel.h"

#include <c10/core/InferenceMode.h>

#include "TestSupport.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "common/Threads.h"
#include "datasets/DatasetSpec.h"
#include "pixel/ExpectedGrid.h"
#include "pixel/MaeTraining.h"
#include "common/JobContext.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <numeric>

namespace {

// The training with a context of its own.
dq::MaeTrainResult trainMaeWith(const dq::Dataset& data, const dq::MaeTrainParams& p, dq::Progress& progress,
                                const dq::CancelToken& cancel)
{
    dq::JobContext context(progress, cancel);
    return dq::trainMae(data, p, context);
}

} // namespace

namespace fs = std::filesystem;

class TestMaeTraining : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void trainsAndCaches();
    void cancelLeavesNothing();
    void badParameters();

private:
    dq::MaeTrainParams params() const;
    std::vector<fs::path> checkpoints() const;

    dq::DatasetBundle fmnist_;
    QTemporaryDir cache_;
};

void TestMaeTraining::initTestCase()
{
    dq::configureThreads();
    QVERIFY(cache_.isValid());
    fmnist_ = dq::openDataset("fashion-mnist:" + dqtest::fashionMnistDir().string());
}

dq::MaeTrainParams TestMaeTraining::params() const
{
    dq::MaeTrainParams p;
    p.epochs = 1;
    p.limit = 2000;
    p.batchSize = 64; // 32 steps: enough for the loss to fall and predictions to beat the mean
    p.device = "cpu";
    p.cacheDir = cache_.path().toStdString();
    p.datasetSpec = fmnist_.spec;
    p.datasetName = fmnist_.name;
    return p;
}

std::vector<fs::path> TestMaeTraining::checkpoints() const
{
    std::vector<fs::path> files;
    const fs::path dir = fs::path(cache_.path().toStdString()) / "mae";
    if (fs::exists(dir))
        for (const auto& e : fs::directory_iterator(dir))
            files.push_back(e.path());
    return files;
}

void TestMaeTraining::trainsAndCaches()
{
    const dq::MaeTrainParams p = params();
    QVERIFY(!dq::findCachedMae(*fmnist_.train, p));
    QStringList details;
    std::vector<double> batchLoss;
    dq::Progress progress(
        [&](const dq::ProgressEvent& e) {
            if (e.stage != "mae training" || e.detail.empty() || (!details.isEmpty() && details.last() == e.detail.c_str()))
                return;
            details << QString::fromStdString(e.detail);
            batchLoss.push_back(details.last().section("loss ", 1).toDouble());
        },
        0);
    const dq::MaeTrainResult r = trainMaeWith(*fmnist_.train, p, progress, dq::CancelToken());
    QVERIFY(!r.fromCache);
    QCOMPARE(r.epochLoss.size(), std::size_t{1});
    // One detail per batch; the loss of the last batches is well below that of the first.
    QVERIFY2(batchLoss.size() >= 30, qPrintable(QString::number(batchLoss.size())));
    const double first = (batchLoss[0] + batchLoss[1] + batchLoss[2] + batchLoss[3]) / 4;
    const std::size_t n = batchLoss.size();
    const double last = (batchLoss[n - 1] + batchLoss[n - 2] + batchLoss[n - 3] + batchLoss[n - 4]) / 4;
    QVERIFY2(last < 0.8 * first, qPrintable(QString("loss %1 -> %2").arg(first).arg(last)));
    QVERIFY(std::abs(r.epochLoss[0] - std::accumulate(batchLoss.begin(), batchLoss.end(), 0.0) / n) < 1e-3);
    QVERIFY(fs::is_regular_file(r.checkpoint));
    QCOMPARE(r.checkpoint.parent_path().filename().string(), std::string("mae"));
    QCOMPARE(r.checkpoint.filename().string(), r.cacheKey + ".pth");
    QCOMPARE(r.configName, std::string("compact"));
    QCOMPARE(r.imageSize, 28);
    QCOMPARE(r.patchSize, 4);
    QCOMPARE(r.device, std::string("cpu"));
    QVERIFY(r.seconds > 0 && r.imagesPerSecond > 0);
    QVERIFY2(details.last().startsWith("epoch 1/1, loss "), qPrintable(details.last()));
    qInfo("2000 images, batch 64: %.1f s, %.0f images/s, loss %.4f -> %.4f", r.seconds, r.imagesPerSecond, first, last);

    // The checkpoint holds the model and the normalisation it was trained with.
    dq::MaeModel model = dq::loadMae(r.checkpoint);
    QCOMPARE(model->config().mean, (std::vector<float>{0.2860f}));
    QCOMPARE(model->config().std, (std::vector<float>{0.3530f}));
    QCOMPARE(model->config().grid(), (dq::PatchGrid{7, 7, 4}));
    QCOMPARE(*dq::expectedPatchGrid(fmnist_.train->imageShape(), dq::ReconstructionSpec()), model->config().grid());
    // Even this short training predicts dropped test patches better than their mean.
    {
        c10::InferenceMode inference;
        torch::Tensor images = torch::empty({64, 1, 28, 28});
        for (int i = 0; i < 64; ++i) {
            const dq::Image img = fmnist_.test->image(i);
            images[i] = torch::from_blob(const_cast<std::uint8_t*>(img.pixels.data()), {1, 28, 28}, torch::kUInt8)
                            .to(torch::kFloat)
                            .div(255.0)
                            .sub(0.2860)
                            .div(0.3530);
        }
        const torch::Tensor keep = torch::rand({64, 49}).argsort(std::int64_t{1}, false).slice(1, 0, 12);
        const torch::Tensor dropped = model->droppedMask(keep).unsqueeze(-1);
        const torch::Tensor target = model->patchify(images);
        const double modelErr = ((model->predict(images, keep) - target).pow(2) * dropped).sum().item<double>();
        const double meanErr = ((target.mean() - target).pow(2) * dropped).sum().item<double>();
        QVERIFY2(modelErr < 0.9 * meanErr, qPrintable(QString("%1 vs %2").arg(modelErr).arg(meanErr)));
    }

    // The second call comes from the cache, with the recorded figures.
    QCOMPARE(dq::findCachedMae(*fmnist_.train, p).value_or(fs::path()), r.checkpoint);
    QElapsedTimer t;
    t.start();
    const dq::MaeTrainResult again = trainMaeWith(*fmnist_.train, p, dq::Progress::none(), dq::CancelToken());
    QVERIFY(again.fromCache);
    QVERIFY(t.elapsed() < 5000);
    QCOMPARE(again.checkpoint, r.checkpoint);
    QCOMPARE(again.epochLoss, r.epochLoss);
    QCOMPARE(again.device, std::string("cpu"));
    // Any setting the weights depend on gives another entry.
    dq::MaeTrainParams other = p;
    other.seed = 1;
    QVERIFY(!dq::findCachedMae(*fmnist_.train, other));
    other = p;
    other.limit = 1999;
    QVERIFY(!dq::findCachedMae(*fmnist_.train, other));
    other = p;
    other.learningRate = 1e-3;
    QVERIFY(!dq::findCachedMae(*fmnist_.train, other));
    // A damaged entry is trained again, not trusted.
    dqtest::writeBytes(r.checkpoint, "not a checkpoint");
    QVERIFY(!dq::findCachedMae(*fmnist_.train, p));
}

// Cancelled after the first batch: stops at once and writes nothing.
void TestMaeTraining::cancelLeavesNothing()
{
    dq::MaeTrainParams p = params();
    p.seed = 7;
    const auto before = checkpoints();
    dq::CancelToken cancel;
    dq::Progress progress(
        [&](const dq::ProgressEvent& e) {
            if (e.done > 0)
                cancel.cancel();
        },
        0);
    QElapsedTimer t;
    t.start();
    bool cancelled = false;
    try {
        trainMaeWith(*fmnist_.train, p, progress, cancel);
    } catch (const dq::Cancelled&) {
        cancelled = true;
    }
    QVERIFY(cancelled);
    QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
    QCOMPARE(checkpoints(), before);
    QVERIFY(!dq::findCachedMae(*fmnist_.train, p));
}

void TestMaeTraining::badParameters()
{
    dq::MaeTrainParams p = params();
    p.epochs = 0;
    DQ_EXPECT_ERROR(trainMaeWith(*fmnist_.train, p, dq::Progress::none(), dq::CancelToken()), "epochs: must be at least 1");
    p = params();
    p.config = "giant";
    DQ_EXPECT_ERROR(dq::findCachedMae(*fmnist_.train, p), "unknown name 'giant'", "compact");
    p = params();
    p.maskRatio = 1.0;
    DQ_EXPECT_ERROR(dq::findCachedMae(*fmnist_.train, p), "mask-ratio: ", "(0, 1)");
    p = params();
    p.device = "tpu";
    DQ_EXPECT_ERROR(trainMaeWith(*fmnist_.train, p, dq::Progress::none(), dq::CancelToken()), "tpu");
}

QTEST_GUILESS_MAIN(TestMaeTraining)
#include "tst_MaeTraining.moc"
