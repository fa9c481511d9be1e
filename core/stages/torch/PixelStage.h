#pragma once
#include "datasets/Dataset.h"
#include "pixel/CodecComparison.h"
#include "pixel/PixelQuantizer.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace dq {

class JobContext;

// "predicted" (the reference's) or "label": whether the CAMs explain the true label.
// Throws dq::FieldError on "cam-target" for anything else.
bool parseCamTarget(const std::string& text);

struct PixelStageParams {
    std::string datasetSpec; // opened by the stage unless `dataset` is given
    const DatasetBundle* dataset = nullptr; // already open (DQ Studio): used as it is
    std::string split = "train"; // the split whose samples are quantized
    std::vector<std::int64_t> indices; // the selected samples of that split
    std::string indicesSource = "indices"; // names them in errors (the index file)
    // Mask ratio, CAM, reconstruction, models, device, cache. The dataset's spec and name
    // and the training split the models learn from are the stage's to fill in.
    PixelParams pixel;
    std::filesystem::path out;
    // Also DQ at several mask ratios against JPEG and WebP at equal bytes (codecs.json).
    bool compareCodecs = false;
    CodecComparisonParams codecs;
};

struct PixelStageResult {
    PixelResult pixel; // pixel.notes: the texts of the stage's notes, as pixel.json lists them
    std::optional<CodecComparison> codecs; // with compareCodecs (written to out too)
};

// The Pixels stage of dq pixel and DQ Studio: patch scores by class activation, the kept
// patches stored in quantized/, the dropped ones restored by the reconstruction, written
// atomically to `out` (runPixelQuantization), then the optional codec comparison. The CAM
// classifier and the compact MAE are learnt from the training split and kept in their
// content-keyed caches (the features cache, <cache>/mae/), so dq and DQ Studio train each
// once for both. Notes ("pixel.device-fallback", "pixel.mae-cache-repaired",
// "pixel.cam-model", ...) go to the context. Throws dq::FieldError with the parameter's id
// (as dq pixel's options: "mask-ratio", "cam", "recon", ...), dq::Error naming a file, and
// dq::Cancelled.
PixelStageResult runPixel(const PixelStageParams& params, JobContext& context);

} // namespace dq
