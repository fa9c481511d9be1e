#include "selection/internal/StratifiedRandom.h"

#include "common/Error.h"
#include "submodular/internal/SeededRandom.h"

#include <algorithm>
#include <string>

namespace dq {

std::vector<std::int64_t> drawPerClass(const std::vector<int>& labels, const std::vector<std::int64_t>& counts,
                                       std::uint64_t seed, std::int64_t pool)
{
    std::vector<std::vector<std::int64_t>> pools(counts.size());
    const auto total = static_cast<std::int64_t>(labels.size());
    const std::int64_t n = pool > 0 ? std::min(pool, total) : total;
    for (std::int64_t i = 0; i < n; ++i) {
        const int label = labels[static_cast<std::size_t>(i)];
        if (label >= 0 && static_cast<std::size_t>(label) < pools.size())
            pools[static_cast<std::size_t>(label)].push_back(i);
    }
    std::vector<std::int64_t> out;
    for (std::size_t c = 0; c < pools.size(); ++c) {
        std::vector<std::int64_t>& members = pools[c];
        const auto k = static_cast<std::size_t>(counts[c]);
        if (k > members.size())
            throw Error("class " + std::to_string(c), "a random subset needs " + std::to_string(counts[c]) +
                                                          " samples, the class has " + std::to_string(members.size()));
        SeededRandom rng(seed, 0x52414E444F4D0000ULL + c); // "RANDOM" + class
        for (std::size_t j = 0; j < k; ++j)
            std::swap(members[j], members[j + rng.below(members.size() - j)]);
        out.insert(out.end(), members.begin(), members.begin() + static_cast<std::ptrdiff_t>(k));
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace dq
