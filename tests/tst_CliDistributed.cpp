// dq across processes as torchrun would start them: 2 and 3 ranks on 127.0.0.1 with
// RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR and MASTER_PORT (Debian's torchrun 1.13 is
// broken, so the test sets them itself). The outputs equal one process's; a rank that dies
// or never starts stops every other rank, naming it, and nothing is written.
#include "TestSupport.h"

#include "io/Npy.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmath>
#include <memory>
#include <random>

using namespace dq;
namespace fs = std::filesystem;

namespace {

// A port the system had free a moment ago.
int freePort()
{
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(s);
    return ntohs(a.sin_port);
}

struct RankRun {
    int exitCode = -1; // -1: crashed or killed
    QString err;
    double seconds = 0;
};

// Starts `world` ranks of `dq args` (those in `skip` are never started); kills rank
// `kill` `killAfterMs` after rank 0 printed `killWhen` (its work began: every rank joined).
// Waits for all (90 s at most).
std::vector<RankRun> runRanks(const QStringList& args, int world, const std::vector<int>& skip = {}, int kill = -1,
                              const QString& killWhen = {}, int killAfterMs = 0)
{
    const QString port = QString::number(freePort());
    std::vector<std::unique_ptr<QProcess>> procs(static_cast<std::size_t>(world));
    QElapsedTimer clock;
    clock.start();
    for (int r = 0; r < world; ++r) {
        if (std::find(skip.begin(), skip.end(), r) != skip.end())
            continue;
        auto p = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("RANK", QString::number(r));
        env.insert("LOCAL_RANK", QString::number(r));
        env.insert("WORLD_SIZE", QString::number(world));
        env.insert("MASTER_ADDR", "127.0.0.1");
        env.insert("MASTER_PORT", port);
        p->setProcessEnvironment(env);
        p->start(QStringLiteral(DQ_CLI_PATH), args);
        procs[static_cast<std::size_t>(r)] = std::move(p);
    }
    std::vector<RankRun> runs(static_cast<std::size_t>(world));
    if (kill >= 0) {
        QProcess& first = *procs[0];
        QElapsedTimer waited;
        waited.start();
        while (!runs[0].err.contains(killWhen) && waited.elapsed() < 60000 && first.state() != QProcess::NotRunning) {
            first.waitForReadyRead(100);
            runs[0].err += QString::fromUtf8(first.readAllStandardError());
        }
        QThread::msleep(static_cast<unsigned long>(killAfterMs));
        procs[static_cast<std::size_t>(kill)]->kill();
        clock.restart(); // the others' times count from the kill
    }
    for (int r = 0; r < world; ++r) {
        QProcess* p = procs[static_cast<std::size_t>(r)].get();
        if (!p)
            continue;
        RankRun& run = runs[static_cast<std::size_t>(r)];
        if (!p->waitForFinished(90000)) {
            p->kill();
            p->waitForFinished();
            run.err = "did not finish within 90 s";
        }
        run.seconds = static_cast<double>(clock.elapsed()) / 1000.0;
        run.exitCode = p->exitStatus() == QProcess::NormalExit ? p->exitCode() : -1;
        run.err += QString::fromUtf8(p->readAllStandardError());
    }
    return runs;
}

QByteArray fileBytes(const fs::path& p)
{
    QFile f(QString::fromStdString(p.string()));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Every .npy of `expected` is in `actual`, byte for byte.
void compareNpyFiles(const fs::path& expected, const fs::path& actual)
{
    int files = 0;
    for (const auto& e : fs::directory_iterator(expected)) {
        if (e.path().extension() != ".npy")
            continue;
        ++files;
        const fs::path other = actual / e.path().filename();
        QVERIFY2(fs::exists(other), qPrintable(QString::fromStdString(other.string()) + " is missing"));
        QVERIFY2(fileBytes(e.path()) == fileBytes(other),
                 qPrintable(QString::fromStdString(e.path().filename().string()) + " differs"));
    }
    QVERIFY(files > 0);
}

} // namespace

class CliDistributedTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    fs::path dir_;
    QString images_; // a small Fashion-MNIST in IDX files

    QString path(const std::string& name) const { return QString::fromStdString((dir_ / name).string()); }

    void writeFeatures(const std::string& name, int rows, int dims, int classes, unsigned seed)
    {
        std::mt19937 rng(seed);
        std::normal_distribution<float> g(0.0f, 1.0f);
        std::vector<float> f(static_cast<std::size_t>(rows) * static_cast<std::size_t>(dims));
        for (auto& x : f)
            x = g(rng);
        std::vector<std::int64_t> l(static_cast<std::size_t>(rows));
        for (std::size_t i = 0; i < l.size(); ++i)
            l[i] = static_cast<std::int64_t>((i * 7 + i / 3) % static_cast<std::size_t>(classes));
        writeNpy(dir_ / (name + ".npy"), NpyArray::fromVector(f, {rows, dims}));
        writeNpy(dir_ / (name + "-labels.npy"), NpyArray::fromVector(l));
    }

    // One process, then `world` ranks: the same bins.
    void binsAlike(const QStringList& options, int world, const std::string& name)
    {
        const QStringList common = QStringList{"--threads", "1", "bins"} + options;
        const auto single = dqtest::runCli(common + QStringList{"--out", path(name + "-single")});
        QVERIFY2(single.exitCode == 0, qPrintable(single.err));
        const auto runs = runRanks(QStringList{"--dist-timeout", "30"} + common + QStringList{"--out", path(name)}, world);
        for (const RankRun& r : runs)
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        compareNpyFiles(dir_ / (name + "-single"), dir_ / name);
        // Across ranks the single pool is slower than one process: the ranks say so.
        const char* slower = "[bins.pool-across-ranks]";
        QVERIFY2(!single.err.contains(slower), qPrintable(single.err));
        QVERIFY2(runs[0].err.contains(slower) == options.contains("--no-balance"), qPrintable(runs[0].err));
    }

    // Every started rank failed within `limit` seconds, naming `rank`; `out` was not written.
    void allStopped(const std::vector<RankRun>& runs, const std::vector<int>& started, const QString& rank, double limit,
                    const std::string& out)
    {
        for (const int r : started) {
            const RankRun& run = runs[static_cast<std::size_t>(r)];
            QVERIFY2(run.exitCode != 0, qPrintable("rank " + QString::number(r) + " exited 0: " + run.err));
            QVERIFY2(run.err.contains(rank),
                     qPrintable("rank " + QString::number(r) + ": '" + run.err + "' lacks '" + rank + "'"));
            QVERIFY2(run.seconds < limit,
                     qPrintable("rank " + QString::number(r) + " took " + QString::number(run.seconds) + " s"));
        }
        QVERIFY(!fs::exists(dir_ / out));
        for (const auto& e : fs::directory_iterator(dir_))
            QVERIFY2(e.path().filename().string().find(out) == std::string::npos,
                     qPrintable("left behind: " + QString::fromStdString(e.path().string())));
    }

    // The evaluation of first120 (and a random subset like it) with `seeds` on `world`
    // ranks, against one process: each run's figures per epoch.
    struct EvaluationRuns {
        QStringList single, ranks;
        QString notes; // rank 0's standard error
    };
    EvaluationRuns evaluationAcrossRanks(const QString& seeds, bool randomLike, int world, const std::string& name)
    {
        QStringList common{"--threads",   "1",          "evaluate",
                           "--dataset",   images_,      "--width",
                           "4",           "--epochs",   "2",
                           "--batch",     "64",         "--device",
                           "cpu",         "--no-cache", "--cache-dir",
                           path("cache"), "--subset",   "first=" + path("first120.npy"),
                           "--seeds",     seeds,        "--json"};
        if (randomLike)
            common << "--random-like"
                   << "first";
        auto figures = [](const fs::path& file) {
            QStringList out;
            const QJsonObject j = QJsonDocument::fromJson(fileBytes(file)).object();
            for (const auto& subset : j["subsets"].toArray())
                for (const auto& run : subset.toObject()["runs"].toArray())
                    for (const auto& epoch : run.toObject()["epochs"].toArray())
                        out << subset.toObject()["name"].toString() + QString::number(run.toObject()["seed"].toInt()) +
                                   ": " + QString::number(epoch.toObject()["test_acc"].toDouble(), 'g', 17) + " " +
                                   QString::number(epoch.toObject()["train_loss"].toDouble(), 'g', 17) + " " +
                                   QString::number(epoch.toObject()["test_loss"].toDouble(), 'g', 17);
            return out;
        };
        EvaluationRuns r;
        const auto single = dqtest::runCli(common + QStringList{"--out", path(name + "-single")});
        if (single.exitCode != 0) {
            qWarning("%s", qPrintable(single.err));
            return r;
        }
        const auto runs = runRanks(QStringList{"--dist-timeout", "30"} + common + QStringList{"--out", path(name)}, world);
        for (const RankRun& run : runs)
            if (run.exitCode != 0) {
                qWarning("%s", qPrintable(run.err));
                return r;
            }
        r.single = figures(dir_ / (name + "-single") / "evaluation.json");
        r.ranks = figures(dir_ / name / "evaluation.json");
        r.notes = runs[0].err;
        return r;
    }

    // Rounding apart, the same figures: accuracy within one test image (a logit's last bits
    // can flip an arg-max), losses within 1e-4 relative.
    static void sameUpToRounding(const QString& single, const QString& ranks)
    {
        const QStringList a = single.split(' '), b = ranks.split(' ');
        QCOMPARE(a.size(), 4);
        QCOMPARE(b.size(), 4);
        QCOMPARE(b[0], a[0]);
        QVERIFY2(std::abs(a[1].toDouble() - b[1].toDouble()) <= 1.0 / 100 + 1e-12, qPrintable(single + " / " + ranks));
        for (int k = 2; k < 4; ++k)
            QVERIFY2(std::abs(a[k].toDouble() - b[k].toDouble()) <= 1e-4 * std::abs(a[k].toDouble()),
                     qPrintable(single + " / " + ranks));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        dir_ = tmp_.path().toStdString();
        writeFeatures("small", 600, 12, 5, 3);
        writeFeatures("long", 30000, 48, 2, 4);
        images_ = QString::fromStdString(dqtest::writeSmallFashionMnist(dir_ / "fashion-mnist-small", 300, 100));
        std::vector<std::int64_t> first;
        for (std::int64_t i = 0; i < 120; ++i)
            first.push_back(i);
        writeNpy(dir_ / "first120.npy", NpyArray::fromVector(first));
    }

    // Inference: each rank runs whole batches of the one-process run, so the files are the
    // same bits (b.npy, e.npy, logits.npy, labels.npy).
    void featuresThreeRanks()
    {
        const QStringList common{"--threads", "1",  "features", "--dataset", images_,       "--model",     "convnet",
                                 "--batch",   "64", "--seed",   "3",         "--cache-dir", path("cache"), "--no-cache"};
        const auto single = dqtest::runCli(common + QStringList{"--out", path("features-single")});
        QVERIFY2(single.exitCode == 0, qPrintable(single.err));
        const auto runs =
            runRanks(QStringList{"--dist-timeout", "30"} + common + QStringList{"--out", path("features3")}, 3);
        for (const RankRun& r : runs)
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        compareNpyFiles(dir_ / "features-single", dir_ / "features3");
    }

    // Runs (subset x seed) dealt out over 2 ranks: every figure of every epoch as one process's.
    void evaluationTwoRanks()
    {
        const EvaluationRuns r = evaluationAcrossRanks("0,1", true, 2, "eval2");
        QCOMPARE(r.single.size(), 8);
        QVERIFY2(!r.single[0].contains(": 0 0 0"), qPrintable(r.single.join("\n")));
        QCOMPARE(r.ranks, r.single);
        QVERIFY2(!r.notes.contains("data-parallel"), qPrintable(r.notes));
    }

    // One run on 2 ranks trains data-parallel: one process's figures up to rounding.
    void evaluationOneRunDataParallel()
    {
        const EvaluationRuns r = evaluationAcrossRanks("3", false, 2, "eval-dp2");
        QCOMPARE(r.single.size(), 2);
        QCOMPARE(r.ranks.size(), 2);
        for (int k = 0; k < 2; ++k)
            sameUpToRounding(r.single[k], r.ranks[k]);
        QVERIFY2(r.notes.contains("[evaluation.data-parallel]") &&
                     r.notes.contains("seed 3 trained data-parallel on 2 ranks"),
                 qPrintable(r.notes));
    }

    // 4 runs on 3 ranks: one round dealt out (the same bits), the run left over trained by
    // all three (up to rounding; every batch of 64 split 22 + 21 + 21, the last of 56 19 + 19 + 18).
    void evaluationRoundAndDataParallel()
    {
        const EvaluationRuns r = evaluationAcrossRanks("0,1", true, 3, "eval3");
        QCOMPARE(r.single.size(), 8);
        QCOMPARE(r.ranks.size(), 8);
        for (int k = 0; k < 6; ++k)
            QCOMPARE(r.ranks[k], r.single[k]);
        for (int k = 6; k < 8; ++k)
            sameUpToRounding(r.single[k], r.ranks[k]);
        QVERIFY2(r.notes.contains("seed 1 trained data-parallel on 3 ranks"), qPrintable(r.notes));
    }

    void balancedBinsTwoRanks()
    {
        binsAlike({"--features", path("small.npy"), "--labels", path("small-labels.npy"), "--bins", "4"}, 2, "balanced2");
    }

    void balancedBinsThreeRanks()
    {
        binsAlike({"--features", path("small.npy"), "--labels", path("small-labels.npy"), "--bins", "4"}, 3, "balanced3");
    }

    void singlePoolBinsTwoRanks()
    {
        binsAlike({"--features", path("small.npy"), "--no-balance", "--bins", "4"}, 2, "pool2");
    }

    void singlePoolBinsThreeRanks()
    {
        // The dot kernel: gains may rise with a pick, the lazy bounds must allow for it.
        binsAlike({"--features", path("small.npy"), "--no-balance", "--bins", "3", "--kernel", "dot"}, 3, "pool3");
    }

    void rankKilledMidRun()
    {
        // A long single-pool run (a collective per pick); rank 1 is killed 0.5 s into it.
        const QStringList args{"--threads", "1",          "--dist-timeout", "4",
                               "bins",      "--features", path("long.npy"), "--no-balance",
                               "--bins",    "2",          "--out",          path("killed")};
        const auto runs = runRanks(args, 3, {}, 1, "bins:", 500);
        allStopped(runs, {0, 2}, "rank 1 of 3 stopped responding", 4 + 4, "killed");
        QVERIFY2(runs[0].err.contains("bins: 0/"), qPrintable(runs[0].err));
    }

    void rankNeverStarts()
    {
        const QStringList args{"--threads",       "1",        "--dist-timeout",         "3",      "bins", "--features",
                               path("small.npy"), "--labels", path("small-labels.npy"), "--bins", "4",    "--out",
                               path("unjoined")};
        const auto runs = runRanks(args, 3, {2});
        allStopped(runs, {0, 1}, "rank(s) 2", 3 + 6, "unjoined");
        const auto noMaster = runRanks(args, 2, {0});
        allStopped(noMaster, {1}, "rank 0", 3 + 6, "unjoined");
    }

    void otherCommandsRefuseSeveralRanks()
    {
        const auto runs = runRanks({"info", "--dataset", path("small.npy")}, 2);
        for (const RankRun& r : runs) {
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains("runs in one process"), qPrintable(r.err));
        }
    }
};

QTEST_GUILESS_MAIN(CliDistributedTest)
#include "tst_CliDistributed.moc"
