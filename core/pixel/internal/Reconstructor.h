#pragma once
// Core-private: the backends that restore dropped patches, behind one interface so that
// `dq pixel` and `dq restore` (and DQ Studio's preview) run the same code.
#include "datasets/Dataset.h"
#include "pixel/PatchGrid.h"
#include "pixel/ReconstructionSpec.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace dq {

class JobContext;

// One image to restore: its native pixels with the dropped ones zeroed, the kept patch
// ids and the native pixel mask they give (1 = kept).
struct PartialImage {
    Image pixels;
    std::vector<int> keptIds;
    std::vector<std::uint8_t> keptMask;
};

class Reconstructor {
public:
    virtual ~Reconstructor() = default;
    // The grid the masks are expressed on.
    virtual PatchGrid grid() const = 0;
    // "mae-compact (/path/to/ckpt.pth, 28x28, patch 4)", for manifests and notes.
    virtual std::string describe() const = 0;
    // Restores a batch; kept pixels come back exactly as given. Every image of a batch
    // has the same count of kept patches.
    virtual std::vector<Image> reconstruct(const std::vector<PartialImage>& batch) = 0;
    virtual std::string device() const { return "cpu"; }
    // The checkpoint the backend loaded (empty for inpainting).
    virtual std::filesystem::path checkpoint() const { return {}; }
    virtual bool fromCache() const { return false; }
};

// Everything a backend may need to build itself.
struct ReconstructorContext {
    ImageShape native; // the images' size as stored
    const Dataset* data = nullptr; // to train the compact MAE (null: restore, no training)
    std::string datasetSpec, datasetName;
    int patchSize = 0, maeEpochs = 0;
    std::int64_t trainLimit = 0;
    std::string device = "auto";
    std::uint64_t seed = 0;
    std::filesystem::path cacheDir;
};

// The backend of `spec`; the MAE's training, cache repairs and device fallback are noted
// on `job` ("pixel.*" codes).
std::unique_ptr<Reconstructor> makeReconstructor(const ReconstructionSpec& spec, const ReconstructorContext& context,
                                                 JobContext& job);

// The inpainting backend's grid: patches of `patchSize` native pixels (0: 4 for images
// up to 64 pixels, else 16), as many as fit, at least one.
PatchGrid nativePatchGrid(const ImageShape& native, int patchSize);

} // namespace dq
