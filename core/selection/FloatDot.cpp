#include "selection/internal/FloatDot.h"

// Separate multiply and add (no fused multiply-add) in every clone: the same bits everywhere.
#pragma GCC optimize("fp-contract=off")

namespace dq {
namespace {

typedef float v8f __attribute__((vector_size(32)));

} // namespace

// Everything inside one function: a helper of the default target would not inline into
// the AVX2 clone.
__attribute__((target_clones("avx2", "default"))) float dotFloat16(const float* a, const float* b, std::int64_t n)
{
    v8f s0 = {}, s1 = {};
    std::int64_t k = 0;
    for (; k + 16 <= n; k += 16) {
        v8f a0, a1, b0, b1;
        __builtin_memcpy(&a0, a + k, sizeof a0);
        __builtin_memcpy(&a1, a + k + 8, sizeof a1);
        __builtin_memcpy(&b0, b + k, sizeof b0);
        __builtin_memcpy(&b1, b + k + 8, sizeof b1);
        s0 += a0 * b0;
        s1 += a1 * b1;
    }
    float lanes[16];
    __builtin_memcpy(lanes, &s0, sizeof s0);
    __builtin_memcpy(lanes + 8, &s1, sizeof s1);
    for (int w = 8; w >= 1; w /= 2)
        for (int i = 0; i < w; ++i)
            lanes[i] += lanes[i + w];
    float r = lanes[0];
    for (; k < n; ++k)
        r += a[k] * b[k];
    return r;
}

} // namespace dq
