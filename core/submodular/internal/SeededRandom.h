#pragma once
#include <cstdint>

namespace dq {

// The documented generator behind every seeded choice in DQ Studio (stochastic greedy,
// bin sampling): SplitMix64 (Steele, Lea, Flood 2014) seeded with the user's seed mixed
// with a stream id; bounded draws by rejection, so results are the same on every
// platform and standard library (std::uniform_int_distribution is not).
class SeededRandom {
public:
    explicit SeededRandom(std::uint64_t seed, std::uint64_t stream = 0);
    std::uint64_t next();
    // Uniform in [0, bound); bound > 0.
    std::uint64_t below(std::uint64_t bound);

private:
    std::uint64_t state_;
};

} // namespace dq
