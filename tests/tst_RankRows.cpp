// Feature files written across ranks (core/features/RankRows): rank 0 writes every rank's
// share at its rows, round by round, and the file is the one a single process writes. The
// ranks here are threads of one process sharing an in-memory group, so that uneven shares
// and many rounds are checked exactly; tst_CliDistributed runs real processes over c10d.
#include "common/Error.h"
#include "distributed/RankGroup.h"
#include "features/internal/RankRows.h"
#include "io/Npy.h"
#include "io/internal/NpyWriter.h"

#include <QTemporaryDir>
#include <QtTest>

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <thread>

namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;

namespace {

// Every rank's bytes to every rank, once all have arrived: the one primitive the
// collectives below are made of.
class Exchange {
public:
    explicit Exchange(int size) : size_(size), slots_(static_cast<std::size_t>(size)) { }
    std::vector<Bytes> all(int rank, Bytes bytes)
    {
        std::unique_lock<std::mutex> lock(mutex_);
        const std::uint64_t generation = generation_;
        slots_[static_cast<std::size_t>(rank)] = std::move(bytes);
        if (++arrived_ == size_) {
            result_ = slots_;
            arrived_ = 0;
            ++generation_;
            changed_.notify_all();
        } else {
            changed_.wait(lock, [&] { return generation_ != generation; });
        }
        return result_;
    }

private:
    int size_, arrived_ = 0;
    std::uint64_t generation_ = 0;
    std::vector<Bytes> slots_, result_;
    std::mutex mutex_;
    std::condition_variable changed_;
};

class ThreadGroup : public dq::RankGroup {
public:
    ThreadGroup(int rank, int size, Exchange& exchange) : RankGroup(rank, size, rank), exchange_(exchange) { }
    void allReduceSum(std::vector<double>&, const char*) override { throw std::logic_error("not used here"); }
    void allReduceSum(std::vector<float>&, const char*) override { throw std::logic_error("not used here"); }
    void allReduceSum(at::Tensor&, const char*) override { throw std::logic_error("not used here"); }
    void broadcast(Bytes& bytes, int root, const char*) override
    {
        bytes = exchange_.all(rank(), bytes)[static_cast<std::size_t>(root)];
    }
    std::vector<Bytes> allGather(const Bytes& bytes, const char*) override { return exchange_.all(rank(), bytes); }
    std::vector<Bytes> gatherToRoot(const Bytes& bytes, const char*) override
    {
        std::vector<Bytes> all = exchange_.all(rank(), bytes);
        return rank() == 0 ? all : std::vector<Bytes>{};
    }
    void barrier(const char*) override { exchange_.all(rank(), {}); }
    void commitOnRankZero(const std::function<void()>& write) override
    {
        barrier("commit");
        if (rank() == 0)
            write();
        barrier("committed");
    }

private:
    Exchange& exchange_;
};

// Runs `body(group)` on `size` threads, one rank each; rethrows the first rank's error.
void onRanks(int size, const std::function<void(dq::RankGroup&)>& body)
{
    Exchange exchange(size);
    std::vector<std::exception_ptr> errors(static_cast<std::size_t>(size));
    std::vector<std::thread> threads;
    for (int r = 0; r < size; ++r)
        threads.emplace_back([&, r] {
            ThreadGroup group(r, size, exchange);
            try {
                body(group);
            } catch (...) {
                errors[static_cast<std::size_t>(r)] = std::current_exception();
            }
        });
    for (auto& t : threads)
        t.join();
    for (const auto& e : errors)
        if (e)
            std::rethrow_exception(e);
}

} // namespace

class RankRowsTest : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

private slots:
    // Uneven shares (5, 4, 4 rows of 3) in rounds of 2 rows: three rounds, the last one
    // partly empty; the file holds 0, 1, 2, ... as one process would write it.
    void sharesLandAtTheirRows_data()
    {
        QTest::addColumn<int>("ranks");
        QTest::addColumn<qint64>("roundBytes");
        QTest::newRow("3 ranks, rounds of 2 rows") << 3 << qint64(2 * 3 * 4);
        QTest::newRow("3 ranks, one round") << 3 << qint64(1 << 20);
        QTest::newRow("2 ranks, rounds of 1 row") << 2 << qint64(1);
        QTest::newRow("5 ranks, some with nothing") << 5 << qint64(3 * 4);
    }
    void sharesLandAtTheirRows()
    {
        QFETCH(int, ranks);
        QFETCH(qint64, roundBytes);
        const std::int64_t n = ranks == 5 ? 3 : 13, dim = 3;
        const fs::path file = fs::path(tmp_.path().toStdString()) /
                              ("rows_" + std::to_string(ranks) + "_" + std::to_string(roundBytes) + ".npy");
        onRanks(ranks, [&](dq::RankGroup& group) {
            const auto [begin, end] = dq::shardRange(n, group.rank(), group.size());
            dq::RankRows mine;
            mine.firstRow = begin;
            for (std::int64_t i = begin * dim; i < end * dim; ++i)
                mine.values.push_back(static_cast<float>(i));
            std::unique_ptr<dq::NpyWriter> w;
            if (group.rank() == 0)
                w = std::make_unique<dq::NpyWriter>(dq::NpyWriter::forShape(file, dq::DType::Float32, {n, dim}));
            dq::writeRowsFromRanks(group, mine, dim, w.get(), "test", roundBytes);
            if (w)
                w->close();
        });
        const dq::NpyArray a = dq::readNpy(file);
        QCOMPARE(a.shape, (std::vector<std::int64_t>{n, dim}));
        std::vector<float> expected(static_cast<std::size_t>(n * dim));
        std::iota(expected.begin(), expected.end(), 0.0f);
        QCOMPARE(a.toVector<float>(), expected);
    }

    // Values every rank holds alike (training dynamics) are written once, by rank 0.
    void wholeValuesFromRankZero()
    {
        const fs::path file = fs::path(tmp_.path().toStdString()) / "whole.npy";
        const std::vector<float> values{0.5f, 1.5f, 2.5f, 3.5f};
        onRanks(3, [&](dq::RankGroup& group) {
            std::unique_ptr<dq::NpyWriter> w;
            if (group.rank() == 0)
                w = std::make_unique<dq::NpyWriter>(dq::NpyWriter::forShape(file, dq::DType::Float32, {4}));
            dq::writeRowsFromRanks(group, dq::RankRows{values, 0, true}, 1, w.get(), "test");
            if (w)
                w->close();
        });
        QCOMPARE(dq::readNpy(file).toVector<float>(), values);
    }

    // A share past the announced rows is refused with the file's name, not written.
    void aShareOutsideTheFileIsAnError()
    {
        const fs::path file = fs::path(tmp_.path().toStdString()) / "short.npy";
        QVERIFY_THROWS_EXCEPTION(
            dq::Error, onRanks(2, [&](dq::RankGroup& group) {
                dq::RankRows mine{{1, 2, 3, 4}, group.rank() * 3, false}; // rows 0-1 and 3-4 of 4
                std::unique_ptr<dq::NpyWriter> w;
                if (group.rank() == 0)
                    w = std::make_unique<dq::NpyWriter>(dq::NpyWriter::forShape(file, dq::DType::Float32, {4, 2}));
                dq::writeRowsFromRanks(group, mine, 2, w.get(), "test");
            }));
        try {
            dq::NpyWriter w = dq::NpyWriter::forShape(file, dq::DType::Float32, {4, 2});
            const float row[2] = {0, 0};
            w.writeRowsAt(4, row, 1);
            QFAIL("a row past the end was written");
        } catch (const dq::Error& e) {
            QVERIFY2(QByteArray(e.what()).contains("short.npy"), e.what());
        }
    }
};

QTEST_APPLESS_MAIN(RankRowsTest)
#include "tst_RankRows.moc"
