#include "distributed/LaunchEnvironment.h"

#include "common/Error.h"
#include "common/FieldError.h"

#include <cstdlib>
#include <string>

namespace dq {
namespace {

using Getenv = std::function<const char*(const char*)>;

bool has(const Getenv& getenv, const char* name)
{
    const char* v = getenv(name);
    return v && *v;
}

int intVariable(const Getenv& getenv, const char* name, int minimum)
{
    const char* text = getenv(name);
    if (!text || !*text)
        throw UsageError(name, "is not set (the launcher sets it for every process)");
    char* end = nullptr;
    const long v = std::strtol(text, &end, 10);
    if (*end != '\0' || v < minimum || v > 1000000)
        throw UsageError(name, std::string("expected an integer >= ") + std::to_string(minimum) + ", got '" + text + "'");
    return static_cast<int>(v);
}

std::string textVariable(const Getenv& getenv, const char* name)
{
    const char* v = getenv(name);
    return v ? std::string(v) : std::string();
}

// Slurm and Open MPI name no master port: MASTER_PORT when set, else torch's 29500.
void applyMaster(LaunchInfo& info, const LaunchOverrides& o, const Getenv& getenv, const std::string& envAddr,
                 const char* addrSource)
{
    info.masterAddr = !o.masterAddr.empty() ? o.masterAddr : envAddr;
    if (info.masterAddr.empty() && info.size > 1)
        throw FieldError("master-addr", std::string("needed: ") + info.launcher + " started this process but " + addrSource +
                                            " is not set (give the address of rank 0's host)");
    if (o.masterPort != 0) {
        if (o.masterPort < 1 || o.masterPort > 65535)
            throw FieldError("master-port", "must lie in 1 .. 65535, got " + std::to_string(o.masterPort));
        info.masterPort = static_cast<std::uint16_t>(o.masterPort);
    } else if (has(getenv, "MASTER_PORT")) {
        const int port = intVariable(getenv, "MASTER_PORT", 1);
        if (port > 65535)
            throw UsageError("MASTER_PORT", "must lie in 1 .. 65535, got " + std::to_string(port));
        info.masterPort = static_cast<std::uint16_t>(port);
    }
}

} // namespace

std::optional<LaunchInfo> readLaunchEnvironment(const LaunchOverrides& o, const Getenv& getenv)
{
    LaunchInfo info;
    const char* rankVar = nullptr;
    const char* sizeVar = nullptr;
    if (has(getenv, "RANK") || has(getenv, "WORLD_SIZE")) {
        info.launcher = "torchrun";
        rankVar = "RANK";
        sizeVar = "WORLD_SIZE";
        info.rank = intVariable(getenv, "RANK", 0);
        info.size = intVariable(getenv, "WORLD_SIZE", 1);
        info.localRank = has(getenv, "LOCAL_RANK") ? intVariable(getenv, "LOCAL_RANK", 0) : 0;
        applyMaster(info, o, getenv, textVariable(getenv, "MASTER_ADDR"), "MASTER_ADDR");
    } else if (has(getenv, "SLURM_PROCID") && has(getenv, "SLURM_NTASKS")) {
        info.launcher = "Slurm";
        rankVar = "SLURM_PROCID";
        sizeVar = "SLURM_NTASKS";
        info.rank = intVariable(getenv, "SLURM_PROCID", 0);
        info.size = intVariable(getenv, "SLURM_NTASKS", 1);
        info.localRank = has(getenv, "SLURM_LOCALID") ? intVariable(getenv, "SLURM_LOCALID", 0) : 0;
        const std::string addr = has(getenv, "MASTER_ADDR") ? textVariable(getenv, "MASTER_ADDR")
                                                            : textVariable(getenv, "SLURM_LAUNCH_NODE_IPADDR");
        applyMaster(info, o, getenv, addr, "SLURM_LAUNCH_NODE_IPADDR (or MASTER_ADDR)");
    } else if (has(getenv, "OMPI_COMM_WORLD_RANK") && has(getenv, "OMPI_COMM_WORLD_SIZE")) {
        info.launcher = "Open MPI";
        rankVar = "OMPI_COMM_WORLD_RANK";
        sizeVar = "OMPI_COMM_WORLD_SIZE";
        info.rank = intVariable(getenv, "OMPI_COMM_WORLD_RANK", 0);
        info.size = intVariable(getenv, "OMPI_COMM_WORLD_SIZE", 1);
        info.localRank =
            has(getenv, "OMPI_COMM_WORLD_LOCAL_RANK") ? intVariable(getenv, "OMPI_COMM_WORLD_LOCAL_RANK", 0) : 0;
        applyMaster(info, o, getenv, textVariable(getenv, "MASTER_ADDR"), "MASTER_ADDR");
    } else {
        return std::nullopt;
    }
    if (info.rank >= info.size)
        throw UsageError(rankVar, std::to_string(info.rank) + " is not below " + sizeVar + "=" + std::to_string(info.size));
    return info;
}

std::optional<LaunchInfo> readLaunchEnvironment(const LaunchOverrides& overrides)
{
    return readLaunchEnvironment(overrides, [](const char* name) { return std::getenv(name); });
}

} // namespace dq
