#pragma once
// Core-private: OpenCV inpainting of the dropped pixels, the model-free baseline.
#include "pixel/internal/Inpainting.h"
#include "pixel/internal/Reconstructor.h"

namespace dq {

class InpaintReconstructor : public Reconstructor {
public:
    InpaintReconstructor(PatchGrid grid, InpaintMethod method, std::string methodName);

    PatchGrid grid() const override { return grid_; }
    std::string describe() const override;
    std::vector<Image> reconstruct(const std::vector<PartialImage>& batch) override;

private:
    PatchGrid grid_;
    InpaintMethod method_;
    std::string methodName_;
};

} // namespace dq
