#include "pixel/internal/Reconstructor.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "pixel/internal/InpaintReconstructor.h"
#include "pixel/internal/MaeReconstructor.h"

#include <algorithm>

namespace dq {

PatchGrid nativePatchGrid(const ImageShape& native, int patchSize)
{
    const int p = patchSize > 0 ? patchSize : (std::max(native.height, native.width) <= 64 ? 4 : 16);
    PatchGrid g;
    g.patchSize = p;
    g.rows = std::max(1, (native.height + p / 2) / p);
    g.cols = std::max(1, (native.width + p / 2) / p);
    return g;
}

std::unique_ptr<Reconstructor> makeReconstructor(const ReconstructionSpec& spec, const ReconstructorContext& context,
                                                 JobContext& job)
{
    if (spec.kind == ReconstructionSpec::Kind::Inpaint)
        return std::make_unique<InpaintReconstructor>(nativePatchGrid(context.native, context.patchSize),
                                                      parseInpaintMethod(spec.inpaintMethod), spec.inpaintMethod);
    if (context.patchSize > 0)
        throw FieldError("patch-size", "applies to inpainting only; an MAE has its own patch size");
    return makeMaeReconstructor(spec, context, job);
}

} // namespace dq
