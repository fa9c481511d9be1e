#pragma once
#include "distributed/LaunchEnvironment.h"

#include <chrono>
#include <string>

namespace dq {

class RankGroup;

struct DistributedOptions {
    LaunchOverrides overrides;
    // --dist-timeout: how long a rank waits for the others to join, for a collective, and
    // (capped at 10 s) for a silent rank's heartbeat before the job stops.
    std::chrono::seconds timeout{300};
};

// Joins the launch the environment describes (nothing without one, or with a world of one):
// the TCPStore rendezvous at the master, a join barrier that names the ranks that do not
// come within the timeout, a Gloo process group and a heartbeat monitor that stops this
// process, naming the rank, when another one dies or fails. Throws dq::Error naming the
// rank or the master it could not reach. Call once, before the command's work.
void startProcessGroup(const DistributedOptions& options);

// The command finished on this rank: stop the monitor and tell the others; rank 0 waits
// (up to the timeout) until every rank has, since it hosts the store.
void finishProcessGroup();

// The command failed on this rank: tell the others (their monitors stop them, naming this
// rank and `message`) before leaving.
void failProcessGroup(const std::string& message);

} // namespace dq
