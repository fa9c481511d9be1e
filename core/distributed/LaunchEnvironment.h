#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace dq {

// Where this process stands in a multi-process launch, as the launcher told it through
// its environment: torchrun (RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT),
// Slurm's srun (SLURM_PROCID, SLURM_NTASKS, SLURM_LOCALID) or Open MPI's mpirun
// (OMPI_COMM_WORLD_RANK, _SIZE, _LOCAL_RANK).
struct LaunchInfo {
    std::string launcher; // "torchrun", "Slurm" or "Open MPI"
    int rank = 0, size = 1, localRank = 0;
    std::string masterAddr;
    std::uint16_t masterPort = 29500;
};

// What the command line adds: the master where the launcher does not name one.
struct LaunchOverrides {
    std::string masterAddr; // --master-addr (empty: from the environment)
    int masterPort = 0; // --master-port (0: from the environment, else 29500)
};

// The launch this process is part of, read through `getenv` (tests pass their own).
// Empty without a launcher's variables. Throws dq::UsageError naming the variable or
// option when they are inconsistent (a rank outside the world, no master address).
std::optional<LaunchInfo> readLaunchEnvironment(const LaunchOverrides& overrides,
                                                const std::function<const char*(const char*)>& getenv);
std::optional<LaunchInfo> readLaunchEnvironment(const LaunchOverrides& overrides);

} // namespace dq
