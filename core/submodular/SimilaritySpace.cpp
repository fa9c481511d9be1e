#include "submodular/SimilaritySpace.h"

#include "common/Error.h"
#include "common/FieldError.h"

#include <algorithm>

namespace dq {

void SimilaritySpace::phiRow(std::int64_t i, double* out) const
{
    std::fill(out, out + sumDim(), 0.0);
    accumulate(i, out);
}

const char* kernelName(Kernel k) { return k == Kernel::Cosine ? "cosine" : "dot"; }

Kernel parseKernel(const std::string& name)
{
    if (name == "cosine")
        return Kernel::Cosine;
    if (name == "dot")
        return Kernel::Dot;
    throw FieldError("kernel", "unknown kernel '" + name + "' (expected cosine or dot)");
}

} // namespace dq
