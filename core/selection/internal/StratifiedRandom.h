#pragma once
#include <cstdint>
#include <vector>

namespace dq {

// counts[c] samples of every class c, drawn uniformly without replacement: SplitMix64
// seeded with `seed` and the stream 0x52414E444F4D0000 ("RANDOM") + c driving a partial
// Fisher-Yates shuffle over the class's members in ascending order. Only the first
// `pool` samples are drawn from (0: all); labels < 0 are never drawn. Ascending.
// Throws dq::Error naming `className(c)` when a class has fewer samples than asked.
std::vector<std::int64_t> drawPerClass(const std::vector<int>& labels, const std::vector<std::int64_t>& counts,
                                       std::uint64_t seed, std::int64_t pool = 0);

} // namespace dq
