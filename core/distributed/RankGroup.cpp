#include "distributed/RankGroup.h"

#include "distributed/internal/SingleProcessGroup.h"

#include <algorithm>
#include <atomic>

namespace dq {
namespace {

std::atomic<RankGroup*> g_group{nullptr};

} // namespace

RankGroup& rankGroup()
{
    static SingleProcessGroup alone;
    RankGroup* g = g_group.load();
    return g ? *g : alone;
}

void setRankGroup(RankGroup* group) { g_group = group; }

std::pair<std::int64_t, std::int64_t> shardRange(std::int64_t count, int rank, int size)
{
    const std::int64_t base = count / size, extra = count % size;
    const std::int64_t begin = rank * base + std::min<std::int64_t>(rank, extra);
    return {begin, begin + base + (rank < extra ? 1 : 0)};
}

} // namespace dq
