#include "text/internal/SparseRandomProjection.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "submodular/internal/SeededRandom.h"

#include <cmath>
#include <string>

namespace dq {

SparseRandomProjection::SparseRandomProjection(std::int64_t dim, int nonzeros, std::uint64_t seed)
        : dim_(dim), nonzeros_(nonzeros), seed_(seed)
{
    if (dim < 1)
        throw FieldError("dim", "must be at least 1, got " + std::to_string(dim));
    if (nonzeros < 1)
        throw UsageError("nonzeros per term", "must be at least 1, got " + std::to_string(nonzeros));
    if (nonzeros_ > dim_)
        nonzeros_ = static_cast<int>(dim_);
    value_ = 1.0 / std::sqrt(static_cast<double>(nonzeros_));
}

void SparseRandomProjection::add(std::uint64_t term, double weight, double* out) const
{
    SeededRandom rng(seed_, term);
    const double v = weight * value_;
    for (int b = 0; b < nonzeros_; ++b) {
        const std::int64_t begin = dim_ * b / nonzeros_, end = dim_ * (b + 1) / nonzeros_;
        const std::uint64_t r = rng.next();
        const std::int64_t pos =
            begin + static_cast<std::int64_t>((r & 0x7FFFFFFFFFFFFFFFULL) % static_cast<std::uint64_t>(end - begin));
        out[pos] += (r >> 63) ? -v : v;
    }
}

} // namespace dq
