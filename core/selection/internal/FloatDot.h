#pragma once
#include <cstdint>

namespace dq {

// sum a[k] b[k] in float over sixteen fixed lanes combined in a fixed order (no FMA
// contraction), so that every CPU, with or without AVX2, gives the same bits: the
// geometry methods' inner loop, where the features are float32 anyway.
float dotFloat16(const float* a, const float* b, std::int64_t n);

} // namespace dq
