#pragma once
#include "io/Npy.h"

#include <cstdint>
#include <vector>

namespace dqbench {

// n unit vectors of dimension d drawn around one random direction m: v = m + tau g / sqrt(d)
// with g standard normal, normalised; tau is chosen for a mean cosine to m of `cosToMean`
// (commercial text embeddings: about 0.85). Seeded: the same arguments give the same file.
dq::NpyArray unitVectorsAroundDirection(std::int64_t n, std::int64_t d, double cosToMean, std::uint64_t seed);

// n non-negative vectors (ReLU of class mean + noise, like penultimate CNN features) in
// `classes` classes of equal size, labels i % classes.
dq::NpyArray clusteredReluFeatures(std::int64_t n, std::int64_t d, int classes, std::uint64_t seed);
std::vector<std::int64_t> roundRobinLabels(std::int64_t n, int classes);

} // namespace dqbench
