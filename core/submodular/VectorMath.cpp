#include "submodular/internal/VectorMath.h"

#include <algorithm>
#include <cmath>
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

namespace {

inline double sum4(v4d a) { return (a[0] + a[1]) + (a[2] + a[3]); }

inline v4d absv(v4d a) { return a < 0 ? -a : a; }

inline v4d maxv(v4d a, v4d b) { return a > b ? a : b; }

inline double max4(v4d a) { return std::max(std::max(a[0], a[1]), std::max(a[2], a[3])); }

} // namespace

DQ_VECTOR_CLONES
void squaresAndDot(const double* v, const double* m, std::int64_t n, double& squares, double& along)
{
    v4d s = {0, 0, 0, 0}, t = s;
    std::int64_t k = 0;
    for (; k + 4 <= n; k += 4) {
        const v4d x = load(v + k);
        s += x * x;
        t += x * load(m + k);
    }
    double ss = sum4(s), tt = sum4(t);
    for (; k < n; ++k) {
        ss += v[k] * v[k];
        tt += v[k] * m[k];
    }
    squares = ss;
    along = tt;
}

DQ_VECTOR_CLONES
double subtractAlong(double* v, const double* m, double c, std::int64_t n)
{
    v4d mx = {0, 0, 0, 0};
    std::int64_t k = 0;
    for (; k + 4 <= n; k += 4) {
        const v4d x = load(v + k) - c * load(m + k);
        std::memcpy(v + k, &x, sizeof x);
        mx = maxv(mx, absv(x));
    }
    double r = max4(mx);
    for (; k < n; ++k) {
        v[k] -= c * m[k];
        r = std::max(r, std::abs(v[k]));
    }
    return r;
}

DQ_VECTOR_CLONES
void quantizeInt8(double* v, std::int64_t n, double inv, double scale, std::int8_t* q, double& err2, double& q2,
                  double& errMax)
{
    // Round to nearest without a libm call: (x + 1.5 2^52) - 1.5 2^52, exact for |x| < 2^51.
    constexpr double kMagic = 6755399441055744.0;
    v4d e2 = {0, 0, 0, 0}, l2 = e2, mx = e2;
    const v4d hi = {127, 127, 127, 127}, lo = -hi;
    std::int64_t k = 0;
    for (; k + 4 <= n; k += 4) {
        const v4d x = load(v + k);
        v4d level = (x * inv + kMagic) - kMagic;
        level = level > hi ? hi : level;
        level = level < lo ? lo : level;
        const v4d e = x - scale * level;
        std::memcpy(v + k, &e, sizeof e);
        for (int l = 0; l < 4; ++l)
            q[k + l] = static_cast<std::int8_t>(level[l]);
        e2 += e * e;
        l2 += level * level;
        mx = maxv(mx, absv(e));
    }
    double se = sum4(e2), sl = sum4(l2), m = max4(mx);
    for (; k < n; ++k) {
        const double level = std::min(127.0, std::max(-127.0, (v[k] * inv + kMagic) - kMagic));
        q[k] = static_cast<std::int8_t>(level);
        v[k] -= scale * level;
        se += v[k] * v[k];
        sl += level * level;
        m = std::max(m, std::abs(v[k]));
    }
    err2 = se;
    q2 = sl;
    errMax = m;
}

DQ_VECTOR_CLONES
void differenceMoments(const double* a, const double* b, const double* m, std::int64_t n, double& squares, double& along)
{
    v4d s = {0, 0, 0, 0}, t = s;
    std::int64_t k = 0;
    for (; k + 4 <= n; k += 4) {
        const v4d d = load(a + k) - load(b + k);
        s += d * d;
        t += d * load(m + k);
    }
    double ss = (s[0] + s[1]) + (s[2] + s[3]), tt = (t[0] + t[1]) + (t[2] + t[3]);
    for (; k < n; ++k) {
        const double d = a[k] - b[k];
        ss += d * d;
        tt += d * m[k];
    }
    squares = ss;
    along = tt;
}

DQ_VECTOR_CLONES
std::int64_t dotInt8Int16(const std::int8_t* a, const std::int16_t* b, std::int64_t n)
{
    // Blocks of 256 products of at most 2^7 * 2^15 stay below 2^31 in int32 lanes.
    std::int64_t total = 0;
    for (std::int64_t k = 0; k < n; k += 256) {
        const std::int64_t end = n - k < 256 ? n : k + 256;
        std::int32_t s = 0;
        for (std::int64_t i = k; i < end; ++i)
            s += static_cast<std::int16_t>(a[i]) * b[i]; // short * short: the pmaddwd pattern
        total += s;
    }
    return total;
}

} // namespace dq
