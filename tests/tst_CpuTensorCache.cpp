// core/common/CpuTensorCache: LibTorch's CPU tensors of 1 MiB and more reuse freed blocks
// of their size, within the cap, making room by dropping other sizes; smaller tensors and
// blocks above the cap bypass it; tensors freed on other threads come back safely.
// Torch before Qt: Qt's `slots` macro breaks LibTorch's headers.
#include "common/internal/CpuTensorCache.h"

#include <torch/torch.h>

#include <QtTest>

#include <thread>
#include <vector>

namespace {

constexpr std::size_t kMiB = std::size_t{1} << 20;
constexpr std::size_t kCap = 8 * kMiB;

torch::Tensor block(std::size_t bytes) { return torch::empty({static_cast<std::int64_t>(bytes / 4)}, torch::kFloat); }

} // namespace

class CpuTensorCacheTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { dq::installCpuTensorCache(kCap); }

    void freedBlockIsReusedForItsSize()
    {
        const auto before = dq::cpuTensorCacheStats();
        void* first = nullptr;
        {
            torch::Tensor t = block(2 * kMiB);
            first = t.data_ptr();
            t.fill_(1.0f);
        }
        QCOMPARE(dq::cpuTensorCacheStats().cachedBytes, before.cachedBytes + 2 * kMiB);
        torch::Tensor again = block(2 * kMiB);
        QCOMPARE(again.data_ptr(), first);
        const auto after = dq::cpuTensorCacheStats();
        QCOMPARE(after.hits, before.hits + 1);
        QCOMPARE(after.misses, before.misses + 1);
        // Another size does not take it.
        torch::Tensor other = block(3 * kMiB);
        QVERIFY(other.data_ptr() != first);
        QCOMPARE(dq::cpuTensorCacheStats().hits, after.hits);
    }

    void smallTensorsBypassTheCache()
    {
        const auto before = dq::cpuTensorCacheStats();
        for (int k = 0; k < 10; ++k)
            block(64 * 1024).fill_(2.0f);
        const auto after = dq::cpuTensorCacheStats();
        QCOMPARE(after.hits, before.hits);
        QCOMPARE(after.misses, before.misses);
        QCOMPARE(after.cachedBytes, before.cachedBytes);
    }

    void capHoldsAndNewSizesEvictOldOnes()
    {
        {
            std::vector<torch::Tensor> many;
            for (int k = 0; k < 6; ++k)
                many.push_back(block(2 * kMiB));
        }
        QVERIFY(dq::cpuTensorCacheStats().cachedBytes <= kCap);
        QVERIFY(dq::cpuTensorCacheStats().cachedBytes >= kCap - 2 * kMiB);
        void* kept = nullptr;
        {
            torch::Tensor t = block(5 * kMiB);
            kept = t.data_ptr();
        }
        QVERIFY(dq::cpuTensorCacheStats().cachedBytes <= kCap);
        // The newest size stayed: blocks of other sizes made room for it.
        QCOMPARE(block(5 * kMiB).data_ptr(), kept);
        // A block larger than the whole cap is freed, not kept.
        const std::size_t cachedBefore = dq::cpuTensorCacheStats().cachedBytes;
        block(kCap + kMiB).fill_(0.0f);
        QCOMPARE(dq::cpuTensorCacheStats().cachedBytes, cachedBefore);
    }

    void threadsShareItSafely()
    {
        auto work = [](int seed) {
            for (int k = 0; k < 200; ++k) {
                torch::Tensor a = block((1 + (k + seed) % 3) * kMiB);
                a.fill_(static_cast<float>(k));
                if (a[0].item<float>() != static_cast<float>(k))
                    throw std::runtime_error("a cached block was shared by two live tensors");
            }
        };
        std::vector<std::thread> threads;
        std::vector<std::exception_ptr> errors(4);
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&, t] {
                try {
                    work(t);
                } catch (...) {
                    errors[static_cast<std::size_t>(t)] = std::current_exception();
                }
            });
        for (std::thread& t : threads)
            t.join();
        for (const std::exception_ptr& e : errors)
            QVERIFY(!e);
        QVERIFY(dq::cpuTensorCacheStats().cachedBytes <= kCap);
        QVERIFY(dq::cpuTensorCacheStats().hits > 0);
    }
};

QTEST_APPLESS_MAIN(CpuTensorCacheTest)
#include "tst_CpuTensorCache.moc"
