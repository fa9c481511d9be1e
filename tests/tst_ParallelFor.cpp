// core/common/ParallelFor: the one worker pool of the bins, the selection methods and the
// text pipeline. Coverage, per-worker scratch, progress inside a long chunk, a cancel that
// reaches a running chunk, and which error comes out when several chunks fail.
#include "common/Error.h"
#include "common/internal/ParallelFor.h"
#include "common/Progress.h"

#include <QtTest>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

class ParallelForTest : public QObject {
    Q_OBJECT

private slots:
    void everyIndexOnce_data()
    {
        QTest::addColumn<qint64>("n");
        QTest::addColumn<qint64>("chunk");
        QTest::addColumn<int>("threads");
        QTest::newRow("one thread") << qint64(1000) << qint64(7) << 1;
        QTest::newRow("two threads") << qint64(1000) << qint64(7) << 2;
        QTest::newRow("more threads than chunks") << qint64(10) << qint64(4) << 8;
        QTest::newRow("empty") << qint64(0) << qint64(4) << 2;
    }
    void everyIndexOnce()
    {
        QFETCH(qint64, n);
        QFETCH(qint64, chunk);
        QFETCH(int, threads);
        std::vector<std::atomic<int>> seen(static_cast<std::size_t>(n));
        std::atomic<int> badWorker{0};
        std::atomic<qint64> lastPoll{-1};
        dq::CancelToken cancel;
        const std::int64_t chunks = (n + chunk - 1) / chunk;
        const int used = dq::parallelFor(
            n, chunk, threads,
            [&](std::int64_t begin, std::int64_t end, int worker, const dq::CancelToken&) {
                if (worker < 0 || worker >= threads || end - begin > chunk)
                    ++badWorker;
                for (std::int64_t i = begin; i < end; ++i)
                    ++seen[static_cast<std::size_t>(i)];
            },
            [&](std::int64_t done) { lastPoll = done; }, cancel);
        QCOMPARE(used, static_cast<int>(std::max<std::int64_t>(1, std::min<std::int64_t>(threads, chunks))));
        QCOMPARE(badWorker.load(), 0);
        for (const auto& s : seen)
            QCOMPARE(s.load(), 1);
        QCOMPARE(lastPoll.load(), n); // the last poll reports everything done
    }

    // One long chunk (a bins pool's greedy) still shows progress: the caller polls while
    // it runs, with one worker as with several.
    void pollsDuringALongChunk()
    {
        std::atomic<int> polls{0};
        std::atomic<bool> release{false};
        dq::CancelToken cancel;
        std::thread releaser([&] {
            while (polls.load() < 3)
                std::this_thread::sleep_for(5ms);
            release = true;
        });
        dq::parallelFor(
            1, 1, 1,
            [&](std::int64_t, std::int64_t, int, const dq::CancelToken&) {
                while (!release.load())
                    std::this_thread::sleep_for(5ms);
            },
            [&](std::int64_t) { ++polls; }, cancel);
        releaser.join();
        QVERIFY(polls.load() >= 3);
    }

    // A cancel reaches a running chunk through `stop`, and the call throws Cancelled.
    void cancelReachesARunningChunk()
    {
        dq::CancelToken cancel;
        std::atomic<bool> running{false};
        std::thread canceller([&] {
            while (!running.load())
                std::this_thread::sleep_for(5ms);
            cancel.cancel();
        });
        std::atomic<int> started{0};
        QVERIFY_THROWS_EXCEPTION(dq::Cancelled, dq::parallelFor(
                                                    100, 1, 2,
                                                    [&](std::int64_t, std::int64_t, int, const dq::CancelToken& stop) {
                                                        ++started;
                                                        running = true;
                                                        while (true) {
                                                            stop.throwIfCancelled();
                                                            std::this_thread::sleep_for(2ms);
                                                        }
                                                    },
                                                    nullptr, cancel));
        canceller.join();
        QVERIFY(started.load() <= 2); // no chunk starts after the cancel
    }

    // A real error wins over the Cancelled it causes in a lower chunk that was running:
    // the same failure reads the same however the threads were scheduled.
    void theRealErrorComesOut()
    {
        for (int round = 0; round < 20; ++round) {
            dq::CancelToken cancel;
            std::atomic<bool> lowRunning{false};
            try {
                dq::parallelFor(
                    4, 1, 2,
                    [&](std::int64_t begin, std::int64_t, int, const dq::CancelToken& stop) {
                        if (begin == 0) {
                            lowRunning = true;
                            while (true) {
                                stop.throwIfCancelled();
                                std::this_thread::sleep_for(1ms);
                            }
                        }
                        while (!lowRunning.load())
                            std::this_thread::sleep_for(1ms);
                        throw dq::Error("pool " + std::to_string(begin), "no candidates");
                    },
                    nullptr, cancel);
                QFAIL("no error");
            } catch (const dq::Cancelled&) {
                QFAIL("the Cancelled of chunk 0 hid the real error");
            } catch (const dq::Error& e) {
                QVERIFY2(QByteArray(e.what()).contains("pool 1"), e.what());
            }
        }
    }
};

QTEST_APPLESS_MAIN(ParallelForTest)
#include "tst_ParallelFor.moc"
