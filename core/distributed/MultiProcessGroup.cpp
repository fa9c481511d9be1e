// The only translation unit that sees c10d's process groups (their headers are slow to
// compile): the TCPStore rendezvous, the join barrier, the Gloo group and the session.
#include "distributed/internal/HeartbeatMonitor.h"
#include "distributed/ProcessGroupSession.h"
#include "distributed/RankGroup.h"

#include "common/Error.h"
#include "common/FieldError.h"

#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#include <torch/torch.h>

#include <cstdlib>
#include <memory>
#include <thread>

namespace dq {
namespace {

using Clock = std::chrono::steady_clock;

std::string rankList(const std::vector<int>& ranks)
{
    std::string s;
    for (const int r : ranks)
        s += (s.empty() ? "" : ", ") + std::to_string(r);
    return s;
}

class MultiProcessGroup : public RankGroup {
public:
    MultiProcessGroup(const LaunchInfo& info, c10::intrusive_ptr<c10d::Store> store,
                      c10::intrusive_ptr<c10d::ProcessGroupGloo> pg, HeartbeatMonitor& monitor)
            : RankGroup(info.rank, info.size, info.localRank), store_(std::move(store)), pg_(std::move(pg)),
              monitor_(monitor)
    { }

    void allReduceSum(std::vector<double>& values, const char* what) override
    {
        at::Tensor t = torch::from_blob(values.data(), {static_cast<std::int64_t>(values.size())}, torch::kDouble);
        allReduceSum(t, what);
    }
    void allReduceSum(std::vector<float>& values, const char* what) override
    {
        at::Tensor t = torch::from_blob(values.data(), {static_cast<std::int64_t>(values.size())}, torch::kFloat);
        allReduceSum(t, what);
    }
    void allReduceSum(at::Tensor& values, const char* what) override
    {
        const c10::InferenceMode normalTensors(false); // Gloo's threads write into them
        if (values.numel() == 0)
            return;
        std::vector<at::Tensor> list{values.is_contiguous() ? values : values.contiguous()};
        run(what, [&] { return pg_->allreduce(list); });
        if (!list[0].is_same(values))
            values.copy_(list[0]);
    }
    void broadcast(std::vector<std::uint8_t>& bytes, int root, const char* what) override
    {
        const c10::InferenceMode normalTensors(false); // Gloo's threads write into them
        std::vector<std::int64_t> length{static_cast<std::int64_t>(bytes.size())};
        std::vector<at::Tensor> lengthList{torch::from_blob(length.data(), {1}, torch::kLong)};
        c10d::BroadcastOptions opts;
        opts.rootRank = root;
        run(what, [&] { return pg_->broadcast(lengthList, opts); });
        bytes.resize(static_cast<std::size_t>(length[0]));
        if (bytes.empty())
            return;
        std::vector<at::Tensor> data{torch::from_blob(bytes.data(), {length[0]}, torch::kByte)};
        run(what, [&] { return pg_->broadcast(data, opts); });
    }
    std::vector<std::vector<std::uint8_t>> allGather(const std::vector<std::uint8_t>& bytes, const char* what) override
    {
        const c10::InferenceMode normalTensors(false); // Gloo's threads write into them
        const std::vector<std::int64_t> lengths = gatherLengths(bytes.size(), what);
        const std::int64_t longest = *std::max_element(lengths.begin(), lengths.end());
        std::vector<std::vector<std::uint8_t>> out(static_cast<std::size_t>(size()));
        if (longest == 0)
            return out;
        at::Tensor mine = torch::zeros({longest}, torch::kByte);
        std::memcpy(mine.data_ptr(), bytes.data(), bytes.size());
        std::vector<std::vector<at::Tensor>> outputs(1);
        for (int r = 0; r < size(); ++r)
            outputs[0].push_back(torch::empty({longest}, torch::kByte));
        std::vector<at::Tensor> inputs{mine};
        run(what, [&] { return pg_->allgather(outputs, inputs); });
        for (int r = 0; r < size(); ++r) {
            const auto* p = outputs[0][static_cast<std::size_t>(r)].data_ptr<std::uint8_t>();
            out[static_cast<std::size_t>(r)].assign(p, p + lengths[static_cast<std::size_t>(r)]);
        }
        return out;
    }
    std::vector<std::vector<std::uint8_t>> gatherToRoot(const std::vector<std::uint8_t>& bytes, const char* what) override
    {
        const c10::InferenceMode normalTensors(false); // Gloo's threads write into them
        const std::vector<std::int64_t> lengths = gatherLengths(bytes.size(), what);
        const std::int64_t longest = *std::max_element(lengths.begin(), lengths.end());
        std::vector<std::vector<std::uint8_t>> out;
        if (rank() == 0)
            out.resize(static_cast<std::size_t>(size()));
        if (longest == 0)
            return out;
        at::Tensor mine = torch::zeros({longest}, torch::kByte);
        std::memcpy(mine.data_ptr(), bytes.data(), bytes.size());
        std::vector<std::vector<at::Tensor>> outputs;
        if (rank() == 0) {
            outputs.resize(1);
            for (int r = 0; r < size(); ++r)
                outputs[0].push_back(torch::empty({longest}, torch::kByte));
        }
        std::vector<at::Tensor> inputs{mine};
        c10d::GatherOptions opts;
        opts.rootRank = 0;
        run(what, [&] { return pg_->gather(outputs, inputs, opts); });
        if (rank() == 0)
            for (int r = 0; r < size(); ++r) {
                const auto* p = outputs[0][static_cast<std::size_t>(r)].data_ptr<std::uint8_t>();
                out[static_cast<std::size_t>(r)].assign(p, p + lengths[static_cast<std::size_t>(r)]);
            }
        return out;
    }
    void barrier(const char* what) override
    {
        const c10::InferenceMode normalTensors(false); // Gloo's threads write into them
        run(what, [&] { return pg_->barrier(); });
    }
    void commitOnRankZero(const std::function<void()>& write) override
    {
        barrier("the final barrier before rank 0 writes");
        std::vector<std::uint8_t> status;
        if (rank() == 0) {
            // Every rank finished its share: a rank that vanishes now no longer matters.
            monitor_.stopWatching();
            try {
                write();
            } catch (const std::exception& e) {
                const std::string m = e.what();
                status.assign(m.begin(), m.end());
                tellStatus(status);
                throw;
            }
            tellStatus(status);
            return;
        }
        broadcast(status, 0, "rank 0's word on writing the output");
        if (!status.empty())
            throw Error("rank 0 could not write the output: " + std::string(status.begin(), status.end()));
    }

private:
    void tellStatus(std::vector<std::uint8_t>& status)
    {
        try {
            broadcast(status, 0, "rank 0's word on writing the output");
        } catch (const std::exception& e) {
            std::fprintf(stderr, "dq: warning: the output is complete, but a rank did not hear so: %s\n", e.what());
        }
    }

    std::vector<std::int64_t> gatherLengths(std::size_t mine, const char* what)
    {
        const c10::InferenceMode normalTensors(false);
        std::vector<std::int64_t> all(static_cast<std::size_t>(size()));
        std::vector<std::vector<at::Tensor>> outputs(1);
        for (int r = 0; r < size(); ++r)
            outputs[0].push_back(torch::from_blob(&all[static_cast<std::size_t>(r)], {1}, torch::kLong));
        std::int64_t value = static_cast<std::int64_t>(mine);
        std::vector<at::Tensor> inputs{torch::from_blob(&value, {1}, torch::kLong)};
        run(what, [&] { return pg_->allgather(outputs, inputs); });
        return all;
    }

    template <class Start>
    void run(const char* what, Start start)
    {
        monitor_.enterCollective();
        try {
            c10::intrusive_ptr<c10d::Work> work = start();
            work->wait();
        } catch (const c10::Error& e) {
            fail(what, e.what_without_backtrace());
        } catch (const std::exception& e) {
            fail(what, e.what());
        }
    }

    [[noreturn]] void fail(const char* what, const std::string& why)
    {
        const std::string behind = monitor_.explainFailure();
        throw Error("rank " + std::to_string(rank()) + ": " + what + " failed" +
                    (behind.empty() ? std::string() : ": " + behind) + " (" + why + ")");
    }

    c10::intrusive_ptr<c10d::Store> store_;
    c10::intrusive_ptr<c10d::ProcessGroupGloo> pg_;
    HeartbeatMonitor& monitor_;
};

// The process's session; leaked on failure on purpose (a dead peer may block destructors).
struct Session {
    LaunchInfo info;
    std::chrono::milliseconds timeout{0};
    c10::intrusive_ptr<c10d::TCPStore> store;
    std::unique_ptr<HeartbeatMonitor> monitor;
    std::unique_ptr<MultiProcessGroup> group;
};

Session* g_session = nullptr;

std::string masterOf(const LaunchInfo& info) { return info.masterAddr + ":" + std::to_string(info.masterPort); }

std::string secondsText(std::chrono::milliseconds ms)
{
    return std::to_string(ms.count() / 1000) + (ms.count() % 1000 ? "." + std::to_string(ms.count() % 1000 / 100) : "") +
           " s";
}

c10::intrusive_ptr<c10d::TCPStore> openStore(const LaunchInfo& info, std::chrono::milliseconds timeout)
{
    c10d::TCPStoreOptions opts;
    opts.port = info.masterPort;
    opts.isServer = info.rank == 0;
    opts.numWorkers = static_cast<std::size_t>(info.size);
    opts.waitWorkers = false; // the join barrier below names the ranks that do not come
    opts.timeout = timeout;
    try {
        return c10::make_intrusive<c10d::TCPStore>(info.masterAddr, opts);
    } catch (const std::exception& e) {
        if (info.rank == 0)
            throw Error("rank 0 could not open the rendezvous at " + masterOf(info) + " (is the port free?): " + e.what());
        throw Error("rank " + std::to_string(info.rank) + " could not reach rank 0 at " + masterOf(info) + " within " +
                    secondsText(timeout) + " (did rank 0 start, with the same MASTER_ADDR and MASTER_PORT?): " + e.what());
    }
}

// Every rank writes its key; every rank waits for all keys and names the missing ranks.
void joinBarrier(c10d::Store& store, const LaunchInfo& info, std::chrono::milliseconds timeout)
{
    const std::string mine = "b 0 0";
    store.set(HeartbeatMonitor::key(info.rank), std::vector<std::uint8_t>(mine.begin(), mine.end()));
    const auto until = Clock::now() + timeout;
    std::vector<int> missing;
    for (int r = 0; r < info.size; ++r)
        missing.push_back(r);
    for (;;) {
        try {
            std::vector<int> still;
            for (const int r : missing)
                if (!store.check({HeartbeatMonitor::key(r)}))
                    still.push_back(r);
            missing = still;
        } catch (const std::exception& e) {
            throw Error("rank " + std::to_string(info.rank) + ": lost rank 0 (the rendezvous at " + masterOf(info) +
                        ") while waiting for the other ranks to join; rank(s) " + rankList(missing) +
                        " had not joined: " + e.what());
        }
        if (missing.empty())
            return;
        if (Clock::now() >= until)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    throw Error("rank(s) " + rankList(missing) + " of " + std::to_string(info.size) + " did not join within " +
                secondsText(timeout) + " (started? the same " + info.launcher +
                " job, MASTER_ADDR and MASTER_PORT? raise --dist-timeout if they start late)");
}

std::shared_ptr<::gloo::transport::Device> glooDevice(const LaunchInfo& info)
{
    if (const char* ifname = std::getenv("GLOO_SOCKET_IFNAME"); ifname && *ifname)
        return c10d::ProcessGroupGloo::createDeviceForInterface(ifname);
    if (info.masterAddr == "localhost" || info.masterAddr.rfind("127.", 0) == 0)
        return c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1");
    return c10d::ProcessGroupGloo::createDefaultDevice();
}

} // namespace

void startProcessGroup(const DistributedOptions& options)
{
    const auto t0 = Clock::now();
    auto trace = [&](const char* what) {
        if (std::getenv("DQ_DIST_TRACE"))
            std::fprintf(stderr, "dq: trace: %s after %.3f s\n", what,
                         std::chrono::duration<double>(Clock::now() - t0).count());
    };
    if (g_session)
        throw Error("startProcessGroup called twice");
    const std::optional<LaunchInfo> info = readLaunchEnvironment(options.overrides);
    if (!info || info->size == 1)
        return;
    if (options.timeout.count() < 1)
        throw FieldError("dist-timeout", "must be at least 1 second");
    auto s = std::make_unique<Session>();
    s->info = *info;
    s->timeout = std::chrono::duration_cast<std::chrono::milliseconds>(options.timeout);
    s->store = openStore(s->info, s->timeout);
    trace("store open");
    joinBarrier(*s->store, s->info, s->timeout);
    trace("joined");
    const auto stale = std::max(std::chrono::milliseconds(2000), std::min(std::chrono::milliseconds(10000), s->timeout / 2));
    s->monitor = std::make_unique<HeartbeatMonitor>(*s->store, s->info.rank, s->info.size, stale, masterOf(s->info));
    auto opts = c10d::ProcessGroupGloo::Options::create(s->timeout);
    opts->devices.push_back(glooDevice(s->info));
    opts->threads = 2;
    c10::intrusive_ptr<c10d::ProcessGroupGloo> pg;
    try {
        pg = c10::make_intrusive<c10d::ProcessGroupGloo>(c10::intrusive_ptr<c10d::Store>(s->store), s->info.rank,
                                                         s->info.size, opts);
    } catch (const c10::Error& e) {
        throw Error("rank " + std::to_string(s->info.rank) +
                    ": the Gloo process group did not form (a rank left "
                    "after joining?): " +
                    e.what_without_backtrace());
    } catch (const std::exception& e) {
        throw Error("rank " + std::to_string(s->info.rank) +
                    ": the Gloo process group did not form (a rank left "
                    "after joining?): " +
                    e.what());
    }
    trace("gloo group formed");
    // Started once Gloo's rendezvous no longer uses the store: a store wait holds its lock.
    s->monitor->start();
    s->group = std::make_unique<MultiProcessGroup>(s->info, s->store, pg, *s->monitor);
    g_session = s.release();
    setRankGroup(g_session->group.get());
    g_session->group->barrier("the barrier after joining");
    trace("first barrier passed");
}

void finishProcessGroup()
{
    if (!g_session)
        return;
    g_session->monitor->finish();
    if (g_session->info.rank == 0)
        g_session->monitor->waitForOthersToFinish(g_session->timeout);
    setRankGroup(nullptr);
    delete g_session;
    g_session = nullptr;
}

void failProcessGroup(const std::string& message)
{
    if (!g_session)
        return;
    g_session->monitor->finish(message);
    // Rank 0 hosts the store: the others read this rank's message there before it goes.
    if (g_session->info.rank == 0)
        g_session->monitor->waitForOthersToFinish(std::chrono::milliseconds(3000));
    setRankGroup(nullptr);
    g_session = nullptr; // leaked: a collective with a dead peer may still hold it
}

} // namespace dq
