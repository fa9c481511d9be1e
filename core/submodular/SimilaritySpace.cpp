#include "submodular/SimilaritySpace.h"

#include "common/Error.h"

namespace dq {

const char* kernelName(Kernel k)
{
    return k == Kernel::Cosine ? "cosine" : "dot";
}

Kernel parseKernel(const std::string& name)
{
    if (name == "cosine")
        return Kernel::Cosine;
    if (name == "dot")
        return Kernel::Dot;
    throw UsageError("--kernel", "unknown kernel '" + name + "' (expected cosine or dot)");
}

} // namespace dq
