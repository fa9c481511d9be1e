// One PixelSession per key in DQ Studio (pipeline/SharedPixelSessions): a second asker
// gets the live session or waits for the build under way, never builds its own; a failed
// or cancelled build hands over to a waiting asker; cancel reaches a waiting asker.
// Sessions are real (random scores and inpainting: no training) over Fashion-MNIST.
#include "TestSupport.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "datasets/DatasetSpec.h"
#include "pipeline/SharedPixelSessions.h"
#include "pixel/PixelSession.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

using dqui::SharedPixelSessions;

class UiSharedSessionsTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    std::shared_ptr<const dq::Dataset> data_;
    dq::PixelParams params_;
    int keys_ = 0;

    QString freshKey() { return QStringLiteral("test-key-%1").arg(++keys_); }

    std::shared_ptr<dq::PixelSession> make(dq::Progress& progress = dq::Progress::none())
    {
        dq::CancelToken cancel;
        return std::make_shared<dq::PixelSession>(data_, params_, progress, cancel);
    }

    static dq::Progress& quiet() { return dq::Progress::none(); }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        const std::string spec =
            dqtest::writeSmallFashionMnist(std::filesystem::path(tmp_.path().toStdString()) / "fashion-mnist", 60, 10);
        data_ = dq::openDataset(spec).train;
        params_.cam = "random";
        params_.recon = "inpaint:telea";
        params_.cacheDir = tmp_.path().toStdString();
    }

    void secondAskerGetsTheLiveSession()
    {
        const QString key = freshKey();
        std::atomic<int> builds{0};
        auto build = [&](dq::Progress& progress) {
            ++builds;
            return make(progress);
        };
        dq::CancelToken cancel;
        const auto first = SharedPixelSessions::instance().obtain(key, build, quiet(), cancel);
        const auto second = SharedPixelSessions::instance().obtain(key, build, quiet(), cancel);
        QCOMPARE(builds.load(), 1);
        QCOMPARE(second.get(), first.get());
        QCOMPARE(SharedPixelSessions::instance().find(key).get(), first.get());
        QVERIFY(SharedPixelSessions::instance().find(freshKey()) == nullptr);
    }

    void sessionsAreHeldOnlyByTheirUsers()
    {
        const QString key = freshKey();
        dq::CancelToken cancel;
        std::weak_ptr<dq::PixelSession> weak = SharedPixelSessions::instance().obtain(
            key, [&](dq::Progress& p) { return make(p); }, quiet(), cancel);
        QVERIFY(weak.expired());
        QVERIFY(SharedPixelSessions::instance().find(key) == nullptr);
    }

    // The pixel view's build is under way when the stage asks: the stage waits for it.
    void askerDuringABuildWaitsForIt()
    {
        const QString key = freshKey();
        std::atomic<int> builds{0};
        std::promise<void> started, release;
        std::shared_future<void> released = release.get_future().share();
        auto slowBuild = [&](dq::Progress&) {
            ++builds;
            started.set_value();
            released.wait();
            return make();
        };
        dq::CancelToken cancel;
        auto viewBuild = std::async(std::launch::async,
                                    [&] { return SharedPixelSessions::instance().obtain(key, slowBuild, quiet(), cancel); });
        started.get_future().wait();
        auto stageAsk = std::async(std::launch::async, [&] {
            return SharedPixelSessions::instance().obtain(
                key,
                [&](dq::Progress& p) {
                    ++builds;
                    return make(p);
                },
                quiet(), cancel);
        });
        QVERIFY(stageAsk.wait_for(std::chrono::milliseconds(200)) == std::future_status::timeout);
        release.set_value();
        const auto fromView = viewBuild.get();
        QCOMPARE(stageAsk.get().get(), fromView.get());
        QCOMPARE(builds.load(), 1);
    }

    void failedBuildHandsOverToTheWaiter()
    {
        const QString key = freshKey();
        std::promise<void> started, release;
        std::shared_future<void> released = release.get_future().share();
        dq::CancelToken cancel;
        auto failing = std::async(std::launch::async, [&] {
            return SharedPixelSessions::instance().obtain(
                key,
                [&](dq::Progress&) -> std::shared_ptr<dq::PixelSession> {
                    started.set_value();
                    released.wait();
                    throw dq::Cancelled();
                },
                quiet(), cancel);
        });
        started.get_future().wait();
        std::atomic<int> builds{0};
        auto waiter = std::async(std::launch::async, [&] {
            return SharedPixelSessions::instance().obtain(
                key,
                [&](dq::Progress& p) {
                    ++builds;
                    return make(p);
                },
                quiet(), cancel);
        });
        release.set_value();
        QVERIFY_THROWS_EXCEPTION(dq::Cancelled, failing.get());
        QVERIFY(waiter.get() != nullptr);
        QCOMPARE(builds.load(), 1);
    }

    void cancelReachesAWaiter()
    {
        const QString key = freshKey();
        std::promise<void> started, release;
        std::shared_future<void> released = release.get_future().share();
        dq::CancelToken builderCancel, waiterCancel;
        auto builder = std::async(std::launch::async, [&] {
            return SharedPixelSessions::instance().obtain(
                key,
                [&](dq::Progress&) {
                    started.set_value();
                    released.wait();
                    return make();
                },
                quiet(), builderCancel);
        });
        started.get_future().wait();
        auto waiter = std::async(std::launch::async, [&] {
            return SharedPixelSessions::instance().obtain(
                key, [&](dq::Progress& p) { return make(p); }, quiet(), waiterCancel);
        });
        waiterCancel.cancel();
        QVERIFY(waiter.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
        QVERIFY_THROWS_EXCEPTION(dq::Cancelled, waiter.get());
        release.set_value();
        QVERIFY(builder.get() != nullptr);
    }

    // A caller waiting for another's build (the Pixels stage for the view's) sees that
    // build's progress, not a still bar.
    void aWaiterSeesTheBuildsProgress()
    {
        const QString key = freshKey();
        std::promise<void> reported, release;
        std::shared_future<void> released = release.get_future().share();
        dq::CancelToken cancel;
        auto builder = std::async(std::launch::async, [&] {
            return SharedPixelSessions::instance().obtain(
                key,
                [&](dq::Progress& progress) {
                    progress.setStage("training the CAM network", 40);
                    progress.setDetail("epoch 1/2");
                    progress.update(12);
                    reported.set_value();
                    released.wait();
                    return make();
                },
                quiet(), cancel);
        });
        reported.get_future().wait();
        std::mutex seenMutex;
        std::vector<dq::ProgressEvent> seen;
        dq::Progress waiterProgress(
            [&](const dq::ProgressEvent& e) {
                std::lock_guard<std::mutex> lock(seenMutex);
                seen.push_back(e);
            },
            0);
        auto waiter = std::async(std::launch::async, [&] {
            return SharedPixelSessions::instance().obtain(
                key, [&](dq::Progress& p) { return make(p); }, waiterProgress, cancel);
        });
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                std::lock_guard<std::mutex> lock(seenMutex);
                return !seen.empty() && seen.back().stage == "training the CAM network" && seen.back().done == 12 &&
                       seen.back().total == 40 && seen.back().detail == "epoch 1/2";
            }(),
            5000);
        release.set_value();
        QCOMPARE(waiter.get().get(), builder.get().get());
    }
};

QTEST_APPLESS_MAIN(UiSharedSessionsTest)
#include "tst_UiSharedSessions.moc"
