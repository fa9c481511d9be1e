#include "submodular/VectorMath.h"

#include <cstring>

namespace dq {

#if defined(__x86_64__) && defined(__GNUC__)
// One build runs everywhere; CPUs with AVX2 get twice the vector width.
#define DQ_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define DQ_VECTOR_CLONES
#endif

namespace {

// GCC vector extensions: four lanes whatever the instruction set, so the lanes (and the
// order in which they are combined) are the same on every CPU.
typedef double v4d __attribute__((vector_size(32)));
typedef float v4f __attribute__((vector_size(16)));

inline v4d loadWide(const float* p)
{
    v4f f;
    std::memcpy(&f, p, sizeof f);
    return __builtin_convertvector(f, v4d);
}

inline v4d load(const double* p)
{
    v4d d;
    std::memcpy(&d, p, sizeof d);
    return d;
}

inline double combine(v4d a, v4d b)
{
    const v4d s = a + b;
    return (s[0] + s[1]) + (s[2] + s[3]);
}

} // namespace

DQ_VECTOR_CLONES
double dotMixed(const double* a, const float* b, std::int64_t n)
{
    v4d s0 = {0, 0, 0, 0}, s1 = s0;
    std::int64_t k = 0;
    for (; k + 8 <= n; k += 8) {
        s0 += load(a + k) * loadWide(b + k);
        s1 += load(a + k + 4) * loadWide(b + k + 4);
    }
    double s = combine(s0, s1);
    for (; k < n; ++k)
        s += a[k] * static_cast<double>(b[k]);
    return s;
}

DQ_VECTOR_CLONES
double dotFloat(const float* a, const float* b, std::int64_t n)
{
    v4d s0 = {0, 0, 0, 0}, s1 = s0;
    std::int64_t k = 0;
    for (; k + 8 <= n; k += 8) {
        s0 += loadWide(a + k) * loadWide(b + k);
        s1 += loadWide(a + k + 4) * loadWide(b + k + 4);
    }
    double s = combine(s0, s1);
    for (; k < n; ++k)
        s += static_cast<double>(a[k]) * b[k];
    return s;
}

DQ_VECTOR_CLONES
void axpyMixed(double* sum, double f, const float* x, std::int64_t n)
{
    for (std::int64_t k = 0; k < n; ++k)
        sum[k] += f * static_cast<double>(x[k]);
}

} // namespace dq
