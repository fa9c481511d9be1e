#include "features/PixelFeatures.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "common/Progress.h"
#include "datasets/Dataset.h"

namespace dq {

NpyArray pixelFeatures(const Dataset& dataset, Progress& progress, const CancelToken& cancel)
{
    if (dataset.kind() != SampleKind::Image)
        throw FieldError("dataset", "pixel features need an image dataset");
    const ImageShape s = dataset.imageShape();
    const std::int64_t n = dataset.size();
    const std::int64_t d = static_cast<std::int64_t>(s.height) * s.width * s.channels;
    NpyArray out;
    out.dtype = DType::Float32;
    out.shape = {n, d};
    out.bytes.resize(static_cast<std::size_t>(n * d) * sizeof(float));
    float* dst = out.data<float>();
    progress.setStage("pixels", n);
    for (std::int64_t i = 0; i < n; ++i) {
        if ((i & 1023) == 0)
            cancel.throwIfCancelled();
        const Image img = dataset.image(i);
        if (img.height != s.height || img.width != s.width || img.channels != s.channels)
            throw Error("image " + std::to_string(i), "is " + std::to_string(img.height) + "x" + std::to_string(img.width) +
                                                          "x" + std::to_string(img.channels) +
                                                          ", not the first image's shape; pixel features need equal shapes");
        for (std::int64_t k = 0; k < d; ++k)
            dst[i * d + k] = static_cast<float>(img.pixels[static_cast<std::size_t>(k)]) / 255.0f;
        progress.update(i + 1);
    }
    progress.finishStage();
    return out;
}

} // namespace dq
