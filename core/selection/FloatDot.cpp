#include "selection/FloatDot.h"

#include <cstring>

// Separate multiply and add (no fused multiply-add) in every clone: the same bits everywhere.
#pragma GCC optimize("fp-contract=off")

namespace dq {
namespace {

typedef float v16f __attribute__((vector_size(64)));

inline v16f load16(const float* p)
{
    v16f v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

} // namespace

__attribute__((target_clones("avx2", "default"))) float dotFloat16(const float* a, const float* b, std::int64_t n)
{
    v16f s = {};
    std::int64_t k = 0;
    for (; k + 16 <= n; k += 16)
        s += load16(a + k) * load16(b + k);
    float lanes[16];
    std::memcpy(lanes, &s, sizeof lanes);
    for (int w = 8; w >= 1; w /= 2)
        for (int i = 0; i < w; ++i)
            lanes[i] += lanes[i + w];
    float r = lanes[0];
    for (; k < n; ++k)
        r += a[k] * b[k];
    return r;
}

} // namespace dq
