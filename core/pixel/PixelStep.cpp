#include "pixel/internal/PixelStep.h"

#include "datasets/Dataset.h"
#include "common/JobContext.h"

#include <algorithm>

namespace dq {

FeatureParams camModelParams(const PixelParams& p)
{
    FeatureParams f;
    f.model = p.camModel;
    f.weights = p.camWeights;
    f.epochs = p.camEpochs;
    f.limit = p.trainLimit;
    f.device = p.device;
    f.seed = p.seed;
    f.cacheDir = p.cacheDir;
    f.datasetSpec = p.datasetSpec;
    f.datasetName = p.datasetName;
    return f;
}

ReconstructorContext reconstructorContext(const Dataset& data, const PixelParams& p, const ImageShape& shape)
{
    ReconstructorContext c;
    c.native = shape;
    c.data = p.trainingData ? p.trainingData : &data;
    c.datasetSpec = p.datasetSpec;
    c.datasetName = p.datasetName;
    c.patchSize = p.patchSize;
    c.maeEpochs = p.maeEpochs;
    c.trainLimit = p.trainLimit;
    c.device = p.device;
    c.seed = p.seed;
    c.cacheDir = p.cacheDir;
    return c;
}

QuantizedHeader quantizedHeader(const Dataset& data, const PixelParams& p, const ImageShape& shape, const PatchGrid& grid,
                                double maskRatio, int keep, const std::string& recon,
                                const std::filesystem::path& checkpoint)
{
    QuantizedHeader header;
    header.datasetSpec = p.datasetSpec;
    header.datasetName = p.datasetName;
    header.fingerprint = data.fingerprint();
    header.split = data.split();
    header.datasetSize = data.size();
    header.shape = shape;
    header.grid = grid;
    header.maskRatio = maskRatio;
    header.keptPerImage = keep;
    header.classNames = data.classNames();
    header.reconstruction = recon;
    header.checkpoint = checkpoint.empty() ? std::string() : std::filesystem::absolute(checkpoint).string();
    return header;
}

PartialImage partialImage(const Image& native, const PatchGrid& grid, const float* scores, int keep)
{
    PartialImage part;
    part.keptIds = keepHighestScores(scores, grid.count(), keep);
    part.keptMask = keptPixelMask(grid, native.height, native.width, part.keptIds);
    part.pixels = native;
    for (std::size_t px = 0; px < part.keptMask.size(); ++px)
        if (!part.keptMask[px])
            std::fill_n(part.pixels.pixels.begin() + static_cast<std::ptrdiff_t>(px * native.channels), native.channels, 0);
    return part;
}

} // namespace dq
