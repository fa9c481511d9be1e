// core/common/Threads: --threads sets every pool the process runs, OpenBLAS's included
// (its idle threads spin; left at one per core, two 1-thread ranks on two cores slowed
// each other by a tenth).
#include "common/Threads.h"

#include <QtTest>

#include <dlfcn.h>

class ThreadsTest : public QObject {
    Q_OBJECT

private slots:
    void openBlasFollowsTheThreadCount()
    {
        using GetThreads = int (*)();
        const auto get = reinterpret_cast<GetThreads>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
        // packaging/install-deps.sh installs libopenblas0-pthread, which provides libblas.so.3.
        QVERIFY2(get, "the process's BLAS is not OpenBLAS: install libopenblas0-pthread");
        QCOMPARE(dq::setWorkerThreads(1), 1);
        QCOMPARE(get(), 1);
        QCOMPARE(dq::workerThreads(), 1);
        QCOMPARE(dq::setWorkerThreads(2), 2);
        QCOMPARE(get(), 2);
        // 0 keeps the count set before.
        QCOMPARE(dq::setWorkerThreads(0), 2);
        QCOMPARE(get(), 2);
    }
};

QTEST_APPLESS_MAIN(ThreadsTest)
#include "tst_Threads.moc"
