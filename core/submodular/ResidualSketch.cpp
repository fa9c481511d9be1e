#include "submodular/internal/ResidualSketch.h"

#include "submodular/SimilaritySpace.h"
#include "submodular/internal/VectorMath.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <new>

#include <sys/mman.h>

namespace dq {
namespace {

// Relative slack for the roundings of double arithmetic on vectors of d terms (each is at
// most d * 2^-53 relative): 1e-10 up to d of about 10^5 (it costs nothing next to the
// quantisation terms), d * 2^-50 beyond (gradient sums of many classes are longer).
double roundingSlack(std::int64_t d) { return std::max(1e-10, static_cast<double>(d + 4) * 8.9e-16); }
constexpr double kNormPad = 1.0 + 1e-9;

double norm(const double* v, std::int64_t n)
{
    double s = 0;
    for (std::int64_t k = 0; k < n; ++k)
        s += v[k] * v[k];
    return std::sqrt(s);
}

double dot(const double* a, const double* b, std::int64_t n)
{
    double s = 0;
    for (std::int64_t k = 0; k < n; ++k)
        s += a[k] * b[k];
    return s;
}

// Levels of v on a grid of maxAbs / 127; v becomes the error. Returns scale * |levels|,
// sets the error's squared norm and its largest magnitude.
double quantize(double* v, std::int64_t n, double maxAbs, std::int8_t* q, double& scale, double& err2, double& errMax)
{
    scale = maxAbs / 127.0;
    double q2 = 0;
    quantizeInt8(v, n, maxAbs > 0 ? 127.0 / maxAbs : 0.0, scale, q, err2, q2, errMax);
    return scale * std::sqrt(q2);
}

// Zeroed memory for the records, made on first touch (a pool's rows far below the top are
// never needed). Level 1 asks for huge pages where the kernel offers them: its records are
// read in random order, and 4 KiB pages would cost a page walk for most of them. Level 2
// (read for a few rows per pick) keeps small pages.
std::unique_ptr<char, void (*)(void*)> allocateRecords(std::int64_t bytes, bool hugePages)
{
    void* p = std::calloc(static_cast<std::size_t>(bytes), 1);
    if (!p)
        throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    if (!hugePages)
        return {static_cast<char*>(p), &std::free};
    constexpr std::uintptr_t kPage = 4096;
    const auto begin = (reinterpret_cast<std::uintptr_t>(p) + kPage - 1) / kPage * kPage;
    const auto end = (reinterpret_cast<std::uintptr_t>(p) + static_cast<std::uintptr_t>(bytes)) / kPage * kPage;
    if (end > begin)
        madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#endif
    return {static_cast<char*>(p), &std::free};
}

// Per-thread room for one phi.
std::vector<double>& scratch(std::int64_t n)
{
    thread_local std::vector<double> v;
    v.resize(static_cast<std::size_t>(n));
    return v;
}

} // namespace

ResidualSketch::ResidualSketch(const SimilaritySpace& space, const std::vector<std::int64_t>& pool,
                               std::vector<double> direction)
        : space_(&space), pool_(&pool), dim_(space.sumDim()), stride_(kHeader + (space.sumDim() + 63) / 64 * 64),
          m_(std::move(direction)), data_(nullptr, &std::free), fine_(nullptr, &std::free), round_(roundingSlack(dim_))
{
    static_assert(sizeof(Row) <= kHeader && sizeof(Fine) <= kHeader, "the scalars fit the records' headers");
    const double dn = norm(m_.data(), dim_);
    for (double& v : m_)
        v = dn > 0 ? v / dn : 0.0;
    mNorm_ = norm(m_.data(), dim_) * kNormPad;
    const auto n = static_cast<std::int64_t>(pool.size());
    data_ = allocateRecords(n * stride_, true);
    fine_ = allocateRecords(n * stride_, false);
    perp_.resize(static_cast<std::size_t>(dim_));
    perpQ_.assign(static_cast<std::size_t>(dim_), 0);
}

// Both levels of row p: phi_p = along m + scale q + e gives level 1; e, quantised the same
// way, level 2. They are made together on the row's first use: phi is split once instead
// of twice, and first uses mostly happen in the parallel passes, where making level 2 on
// its own first refinement was serial work on the picking thread.
void ResidualSketch::build(std::int64_t p) const
{
    std::vector<double>& v = scratch(dim_);
    space_->phiRow((*pool_)[static_cast<std::size_t>(p)], v.data());
    Row& r = row(p);
    double squares = 0, err2 = 0, maxAbs = 0;
    squaresAndDot(v.data(), m_.data(), dim_, squares, r.along);
    r.phiNorm = std::sqrt(squares) * kNormPad;
    maxAbs = subtractAlong(v.data(), m_.data(), r.along, dim_);
    r.qNorm = quantize(v.data(), dim_, maxAbs, levels1(p), r.scale, err2, maxAbs) * kNormPad;
    // The residual was rounded while it was formed: cover that too.
    r.errNorm = std::sqrt(err2) * kNormPad + round_ * (r.phiNorm + std::abs(r.along) * mNorm_ + r.qNorm);
    Fine& f = fine(p);
    double unused = 0;
    f.qNorm = quantize(v.data(), dim_, maxAbs, levels2(p), f.scale, err2, unused) * kNormPad;
    f.errNorm = std::sqrt(err2) * kNormPad + round_ * (r.phiNorm + std::abs(r.along) * mNorm_ + r.qNorm + f.qNorm);
    r.built = true;
}

void ResidualSketch::prepare(const std::vector<double>& sum)
{
    sumNorm_ = norm(sum.data(), dim_) * kNormPad;
    sigma_ = dot(sum.data(), m_.data(), dim_);
    double maxAbs = 0;
    for (std::int64_t k = 0; k < dim_; ++k) {
        const auto i = static_cast<std::size_t>(k);
        perp_[i] = sum[i] - sigma_ * m_[i];
        maxAbs = std::max(maxAbs, std::abs(perp_[i]));
    }
    mu_ = dot(m_.data(), perp_.data(), dim_);
    perpNorm_ = norm(perp_.data(), dim_) * kNormPad;
    quantStep_ = maxAbs / 32767.0;
    const double inv = quantStep_ > 0 ? 1.0 / quantStep_ : 0.0;
    constexpr double kMagic = 6755399441055744.0; // round to nearest: (x + 1.5 2^52) - 1.5 2^52
    double err2 = 0;
    for (std::int64_t k = 0; k < dim_; ++k) {
        const auto i = static_cast<std::size_t>(k);
        const double level = std::min(32767.0, std::max(-32767.0, (perp_[i] * inv + kMagic) - kMagic));
        perpQ_[i] = static_cast<std::int16_t>(level);
        const double e = perp_[i] - quantStep_ * level;
        err2 += e * e;
    }
    quantErrNorm_ = std::sqrt(err2) * kNormPad + round_ * perpNorm_;
}

double ResidualSketch::lowerDot(std::int64_t p, int level) const
{
    const Row& r = row(p);
    if (!r.built)
        build(p);
    const auto iq = static_cast<double>(dotInt8Int16(levels1(p), perpQ_.data(), dim_));
    const double a1 = sigma_ * r.along;
    const double a2 = r.along * mu_;
    const double a3 = r.scale * (quantStep_ * iq);
    double a4 = 0, errNorm = r.errNorm, qNorm = r.qNorm;
    if (level > 1) {
        const Fine& f = fine(p);
        a4 = f.scale * (quantStep_ * static_cast<double>(dotInt8Int16(levels2(p), perpQ_.data(), dim_)));
        errNorm = f.errNorm;
        qNorm += f.qNorm;
    }
    // |<e, S_perp>| and |<s q, S_perp - step Q>| by Cauchy-Schwarz; then every rounding of
    // this sum, of sigma, mu, S_perp and of the space's own dot product.
    const double slack =
        (errNorm * perpNorm_ + qNorm * quantErrNorm_) * kNormPad +
        round_ * (std::abs(a1) + std::abs(a2) + std::abs(a3) + std::abs(a4) + std::abs(sigma_) * r.phiNorm * mNorm_ +
                  std::abs(r.along) * mNorm_ * perpNorm_ + r.phiNorm * (sumNorm_ + std::abs(sigma_) * mNorm_));
    return ((a1 + a2) + (a3 + a4)) - slack;
}

void ResidualSketch::prefetch(std::int64_t p) const
{
    const char* record = data_.get() + p * stride_;
    for (std::int64_t k = 0; k < stride_; k += 64)
        __builtin_prefetch(record + k);
}

} // namespace dq
