#include "pixel/ExpectedGrid.h"

#include "pixel/internal/MaeConfig.h"
#include "pixel/internal/Reconstructor.h"

#include <algorithm>
#include <cmath>

namespace dq {

int maeWorkingSize(const ImageShape& native, int patchSize)
{
    const int side = std::max(native.height, native.width);
    return std::max(patchSize, static_cast<int>(std::lround(static_cast<double>(side) / patchSize)) * patchSize);
}

std::optional<PatchGrid> expectedPatchGrid(const ImageShape& native, const ReconstructionSpec& spec)
{
    switch (spec.kind) {
    case ReconstructionSpec::Kind::Inpaint:
        return nativePatchGrid(native, 0);
    case ReconstructionSpec::Kind::MaeCompact:
        if (spec.file.empty()) {
            const int patch = maeConfig("compact").patchSize;
            return maeConfig("compact", maeWorkingSize(native, patch), native.channels).grid();
        }
        return std::nullopt;
    case ReconstructionSpec::Kind::Mae:
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace dq
