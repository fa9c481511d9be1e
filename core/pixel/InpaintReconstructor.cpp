#include "pixel/internal/InpaintReconstructor.h"

namespace dq {

InpaintReconstructor::InpaintReconstructor(PatchGrid grid, InpaintMethod method, std::string methodName)
        : grid_(grid), method_(method), methodName_(std::move(methodName))
{ }

std::string InpaintReconstructor::describe() const
{
    return "inpaint:" + methodName_ + " (OpenCV, " + std::to_string(grid_.rows) + "x" + std::to_string(grid_.cols) +
           " patches of " + std::to_string(grid_.patchSize) + " px)";
}

std::vector<Image> InpaintReconstructor::reconstruct(const std::vector<PartialImage>& batch)
{
    std::vector<Image> out;
    out.reserve(batch.size());
    for (const PartialImage& p : batch)
        out.push_back(inpaintDropped(p.pixels, p.keptMask, method_));
    return out;
}

} // namespace dq
