#include "features/internal/RankRows.h"

#include "common/Error.h"
#include "distributed/RankGroup.h"
#include "io/internal/NpyWriter.h"

#include <algorithm>
#include <string>

namespace dq {

void writeRowsFromRanks(RankGroup& group, const RankRows& mine, std::int64_t rowFloats, NpyWriter* rank0Writer,
                        const char* what, std::int64_t roundBytes)
{
    if (mine.whole) { // alike on every rank: rank 0 writes its own
        if (group.rank() == 0)
            rank0Writer->writeRowsAt(0, mine.values.data(), static_cast<std::int64_t>(mine.values.size()) / rowFloats);
        return;
    }
    const std::int64_t rows = static_cast<std::int64_t>(mine.values.size()) / rowFloats;
    // Where each rank's share goes, and how many rounds the longest share needs.
    const std::vector<std::vector<std::int64_t>> shares =
        group.allGatherVectors(std::vector<std::int64_t>{mine.firstRow, rows}, what);
    const std::int64_t roundRows =
        std::max<std::int64_t>(1, roundBytes / (rowFloats * static_cast<std::int64_t>(sizeof(float))));
    std::int64_t rounds = 0;
    for (const auto& s : shares) {
        if (s.size() != 2)
            throw Error(what, "a rank sent a malformed share");
        rounds = std::max(rounds, (s[1] + roundRows - 1) / roundRows);
    }
    for (std::int64_t k = 0; k < rounds; ++k) {
        const std::int64_t begin = std::min(rows, k * roundRows), end = std::min(rows, (k + 1) * roundRows);
        const std::vector<float> chunk(mine.values.begin() + begin * rowFloats, mine.values.begin() + end * rowFloats);
        const std::vector<std::vector<float>> parts = group.gatherVectorsToRoot(chunk, what);
        for (std::size_t r = 0; r < parts.size(); ++r) { // rank 0 only
            const std::int64_t count = static_cast<std::int64_t>(parts[r].size()) / rowFloats;
            if (count > 0)
                rank0Writer->writeRowsAt(shares[r][0] + k * roundRows, parts[r].data(), count);
        }
    }
}

} // namespace dq
