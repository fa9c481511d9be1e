#pragma once
// Feature files computed across ranks: each rank holds its contiguous share of the rows,
// and rank 0 writes every share into the one file, round by round, so that no rank ever
// holds more than its own share and one round of chunks (rank 0 used to gather every row).
#include <cstdint>
#include <vector>

namespace dq {

class NpyWriter;
class RankGroup;

// One file's rows on this rank: its share starting at row `firstRow`, or, for values every
// rank holds alike (the training dynamics, summed across ranks), the whole file.
struct RankRows {
    std::vector<float> values;
    std::int64_t firstRow = 0;
    bool whole = false;
};

// Collective (every rank calls it with its rows of the same file): rank 0 writes every
// rank's share into `rank0Writer` (null on the other ranks) at its rows, in rounds of at
// most `roundBytes` per rank. `rowFloats`: floats per row. Throws dq::Error (naming the
// step `what`) when a rank fails or its share does not fit the file.
void writeRowsFromRanks(RankGroup& group, const RankRows& mine, std::int64_t rowFloats, NpyWriter* rank0Writer,
                        const char* what, std::int64_t roundBytes = std::int64_t{16} << 20);

} // namespace dq
