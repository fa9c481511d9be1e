#pragma once
#include "datasets/Dataset.h"
#include "pixel/PixelQuantizer.h"

#include <memory>
#include <string>
#include <vector>

namespace dq {

class CancelToken;
class JobContext;
class Progress;

// One sample through pixel quantization, for DQ Studio's pixel view.
struct PixelPreview {
    std::int64_t index = -1;
    int label = -1;
    int predicted = -1; // the CAM model's class (-1 for random scores)
    double maskRatio = 0;
    PatchGrid grid;
    Image original; // at the stored size
    std::vector<float> camMap; // height * width in [0, 1] (empty for random scores)
    Image heatmap; // the CAM over the image (RGB; the image itself for random)
    std::vector<int> keptIds; // ascending
    Image kept; // the kept patches; dropped ones drawn in flat grey
    Image reconstruction;
    double psnr = 0, ssim = 0; // of the reconstruction against the original
    double seconds = 0; // to compute this preview
};

// Keeps the CAM model and the reconstruction backend loaded so that one sample can be
// recomputed at another mask ratio at once (CAM scores are computed once per sample and
// kept). Construction may train models (minutes the first time; cached after): run it on
// a worker thread. preview() may be called from any thread; calls are serialised.
class PixelSession {
public:
    // The models' notes while building (training, cache repairs) go to `context`; the
    // session keeps no reference to it.
    PixelSession(std::shared_ptr<const Dataset> data, const PixelParams& params, JobContext& context);
    // The same, its notes dropped.
    PixelSession(std::shared_ptr<const Dataset> data, const PixelParams& params, Progress& progress,
                 const CancelToken& cancel);
    ~PixelSession();
    PixelSession(const PixelSession&) = delete;
    PixelSession& operator=(const PixelSession&) = delete;

    const PixelParams& params() const;
    PatchGrid grid() const;
    std::string reconstruction() const; // the backend, described
    // Throws dq::Error for an index out of range, dq::UsageError for a bad mask ratio.
    PixelPreview preview(std::int64_t index, double maskRatio);

private:
    void build(std::shared_ptr<const Dataset> data, const PixelParams& params, JobContext& context);

    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Gray value dropped patches are drawn in.
inline constexpr std::uint8_t kDroppedPatchGray = 110;

} // namespace dq
