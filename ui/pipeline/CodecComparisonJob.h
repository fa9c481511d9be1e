#pragma once
#include "pipeline/Job.h"
#include "pipeline/Results.h"
#include "pipeline/StudioParameters.h"

#include <filesystem>
#include <memory>
#include <vector>

namespace dq {
struct CodecComparison;
}

namespace dqui {

// The Storage view's comparison with JPEG and WebP at equal bytes: dq::compareCodecs on
// the sample's images with the Pixels stage's parameters. The result is kept beside the
// stage's folder (codecs.json, codecs.csv) and read back when its mask ratios match.
class CodecComparisonJob : public Job {
public:
    CodecComparisonJob(DatasetPtr dataset, SamplePtr sample, PixelPtr pixel, StudioParameters params,
                       std::filesystem::path cacheDir, std::vector<double> maskRatios)
            : dataset_(std::move(dataset)), sample_(std::move(sample)), pixel_(std::move(pixel)), params_(std::move(params)),
              cacheDir_(std::move(cacheDir)), maskRatios_(std::move(maskRatios))
    { }
    void run(dq::Progress& progress, const dq::CancelToken& cancel) override;

    std::shared_ptr<const dq::CodecComparison> result;
    bool fromCache = false;

private:
    DatasetPtr dataset_;
    SamplePtr sample_;
    PixelPtr pixel_;
    StudioParameters params_;
    std::filesystem::path cacheDir_;
    std::vector<double> maskRatios_;
};

} // namespace dqui
