#include "distributed/internal/HeartbeatMonitor.h"

#include <torch/csrc/distributed/c10d/Store.hpp>

#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace dq {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kBeat{250};

std::vector<std::uint8_t> bytesOf(const std::string& s) { return std::vector<std::uint8_t>(s.begin(), s.end()); }

std::string textOf(const std::vector<std::uint8_t>& b) { return std::string(b.begin(), b.end()); }

std::string seconds(std::chrono::milliseconds ms)
{
    std::ostringstream s;
    s << static_cast<double>(ms.count()) / 1000.0 << " s";
    return s.str();
}

} // namespace

HeartbeatMonitor::HeartbeatMonitor(c10d::Store& store, int rank, int size, std::chrono::milliseconds stale,
                                   std::string masterAddress)
        : store_(store), rank_(rank), size_(size), stale_(stale), master_(std::move(masterAddress)),
          peers_(static_cast<std::size_t>(size))
{
    for (Peer& p : peers_)
        p.changed = Clock::now();
}

HeartbeatMonitor::~HeartbeatMonitor()
{
    stopping_ = true;
    wake_.notify_all();
    if (thread_.joinable())
        thread_.join();
}

void HeartbeatMonitor::start()
{
    thread_ = std::thread([this] { run(); });
}

void HeartbeatMonitor::run()
{
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        try {
            ++beats_;
            store_.set(key(rank_), bytesOf("b " + std::to_string(beats_) + " " + std::to_string(entered())));
            checkOthers();
        } catch (const std::exception& e) {
            if (stopping_)
                break;
            if (rank_ != 0)
                stopProcess("lost the connection to rank 0, which hosts the rendezvous at " + master_ +
                            " (rank 0 died or was killed): " + e.what());
            stopProcess(std::string("the rendezvous store failed: ") + e.what());
        }
        lock.lock();
        wake_.wait_for(lock, kBeat, [this] { return stopping_.load(); });
    }
}

void HeartbeatMonitor::checkOthers()
{
    const auto now = Clock::now();
    for (int r = 0; r < size_; ++r) {
        if (r == rank_)
            continue;
        Peer& p = peers_[static_cast<std::size_t>(r)];
        if (p.finished)
            continue;
        const std::string v = textOf(store_.get(key(r)));
        std::lock_guard<std::mutex> lock(peersMutex_);
        if (v.rfind("error ", 0) == 0) {
            p.finished = true;
            if (watching_)
                stopProcess("rank " + std::to_string(r) + " of " + std::to_string(size_) + " failed: " + v.substr(6));
            continue;
        }
        if (v == "done") {
            p.finished = true;
            continue;
        }
        if (v != p.last) {
            p.last = v;
            p.changed = now;
            std::istringstream in(v.substr(v.rfind(' ') + 1));
            in >> p.entered;
        } else if (now - p.changed > stale_ && watching_) {
            stopProcess("rank " + std::to_string(r) + " of " + std::to_string(size_) +
                        " stopped responding: no heartbeat for " +
                        seconds(std::chrono::duration_cast<std::chrono::milliseconds>(now - p.changed)) +
                        " (it died, was killed or is frozen)");
        }
    }
}

void HeartbeatMonitor::stopProcess(const std::string& message)
{
    std::fprintf(stderr, "dq: error: %s; rank %d stops, nothing was written\n", message.c_str(), rank_);
    std::fflush(stderr);
    try {
        store_.set(key(rank_), bytesOf("error stopped because " + message));
    } catch (...) { }
    // Rank 0 hosts the store: stay until the others have read why (they stop, writing
    // their own "error"), 3 s at most.
    if (rank_ == 0) {
        stopping_ = true;
        waitForOthersToFinish(std::chrono::milliseconds(3000));
    }
    std::_Exit(1);
}

std::string HeartbeatMonitor::explainFailure()
{
    const auto until = Clock::now() + stale_ + 4 * kBeat;
    while (Clock::now() < until && watching_)
        std::this_thread::sleep_for(kBeat);
    std::string behind, silent;
    const auto now = Clock::now();
    std::lock_guard<std::mutex> lock(peersMutex_);
    for (int r = 0; r < size_; ++r) {
        const Peer& p = peers_[static_cast<std::size_t>(r)];
        if (r == rank_ || p.finished)
            continue;
        if (now - p.changed > 4 * kBeat)
            silent += (silent.empty() ? "" : ", ") + std::to_string(r);
        else if (p.entered < entered())
            behind += (behind.empty() ? "" : ", ") + std::to_string(r);
    }
    if (!silent.empty())
        return "no heartbeat lately from rank(s) " + silent + " (died, killed or frozen?)";
    if (behind.empty())
        return "";
    return "rank(s) " + behind + " had not reached it (they hang or work slower than --dist-timeout allows)";
}

void HeartbeatMonitor::finish(const std::string& errorMessage)
{
    watching_ = false;
    stopping_ = true;
    wake_.notify_all();
    if (thread_.joinable())
        thread_.join();
    try {
        store_.set(key(rank_), bytesOf(errorMessage.empty() ? std::string("done") : "error " + errorMessage));
    } catch (...) { }
}

void HeartbeatMonitor::waitForOthersToFinish(std::chrono::milliseconds limit)
{
    const auto until = Clock::now() + limit;
    for (int r = 1; r < size_; ++r) {
        while (Clock::now() < until) {
            std::string v;
            try {
                v = textOf(store_.get(key(r)));
            } catch (...) {
                return;
            }
            if (v == "done" || v.rfind("error ", 0) == 0)
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
}

} // namespace dq
