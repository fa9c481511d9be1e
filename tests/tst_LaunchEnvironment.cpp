// Where a process stands in a launch, read from torchrun's, Slurm's or Open MPI's variables.
#include "TestSupport.h"

#include "distributed/LaunchEnvironment.h"

#include <QtTest>

#include <map>
#include <string>

using namespace dq;

namespace {

std::optional<LaunchInfo> read(const std::map<std::string, std::string>& env, const LaunchOverrides& o = {})
{
    return readLaunchEnvironment(o, [&](const char* name) -> const char* {
        const auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
    });
}

} // namespace

class LaunchEnvironmentTest : public QObject {
    Q_OBJECT

private slots:
    void noLauncherIsOneProcess() { QVERIFY(!read({{"HOME", "/root"}}).has_value()); }

    void torchrun()
    {
        const auto i = read(
            {{"RANK", "3"}, {"WORLD_SIZE", "8"}, {"LOCAL_RANK", "1"}, {"MASTER_ADDR", "10.0.0.1"}, {"MASTER_PORT", "29400"}});
        QVERIFY(i.has_value());
        QCOMPARE(QString::fromStdString(i->launcher), QString("torchrun"));
        QCOMPARE(i->rank, 3);
        QCOMPARE(i->size, 8);
        QCOMPARE(i->localRank, 1);
        QCOMPARE(QString::fromStdString(i->masterAddr), QString("10.0.0.1"));
        QCOMPARE(int(i->masterPort), 29400);
    }

    void slurmTakesTheLaunchNodeAndOptions()
    {
        const std::map<std::string, std::string> env{{"SLURM_PROCID", "5"},
                                                     {"SLURM_NTASKS", "64"},
                                                     {"SLURM_LOCALID", "5"},
                                                     {"SLURM_LAUNCH_NODE_IPADDR", "10.1.2.3"}};
        const auto i = read(env);
        QCOMPARE(QString::fromStdString(i->launcher), QString("Slurm"));
        QCOMPARE(i->rank, 5);
        QCOMPARE(i->size, 64);
        QCOMPARE(QString::fromStdString(i->masterAddr), QString("10.1.2.3"));
        QCOMPARE(int(i->masterPort), 29500);
        LaunchOverrides o;
        o.masterAddr = "node0";
        o.masterPort = 31000;
        const auto j = read(env, o);
        QCOMPARE(QString::fromStdString(j->masterAddr), QString("node0"));
        QCOMPARE(int(j->masterPort), 31000);
    }

    void openMpiNeedsAMaster()
    {
        const std::map<std::string, std::string> env{{"OMPI_COMM_WORLD_RANK", "1"},
                                                     {"OMPI_COMM_WORLD_SIZE", "4"},
                                                     {"OMPI_COMM_WORLD_LOCAL_RANK", "1"}};
        DQ_EXPECT_FIELD_ERROR(read(env), "master-addr", "Open MPI");
        LaunchOverrides o;
        o.masterAddr = "node0";
        const auto i = read(env, o);
        QCOMPARE(QString::fromStdString(i->launcher), QString("Open MPI"));
        QCOMPARE(i->rank, 1);
        QCOMPARE(i->size, 4);
    }

    void badValuesNameTheVariable()
    {
        DQ_EXPECT_ERROR(read({{"RANK", "4"}, {"WORLD_SIZE", "4"}, {"MASTER_ADDR", "h"}}), "RANK", "WORLD_SIZE=4");
        DQ_EXPECT_ERROR(read({{"RANK", "x"}, {"WORLD_SIZE", "4"}, {"MASTER_ADDR", "h"}}), "RANK", "'x'");
        DQ_EXPECT_ERROR(read({{"RANK", "0"}, {"MASTER_ADDR", "h"}}), "WORLD_SIZE", "not set");
        DQ_EXPECT_ERROR(read({{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "h"}, {"MASTER_PORT", "70000"}}),
                        "MASTER_PORT");
    }
};

QTEST_GUILESS_MAIN(LaunchEnvironmentTest)
#include "tst_LaunchEnvironment.moc"
