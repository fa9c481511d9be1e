#include "pipeline/CodecComparisonJob.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "pipeline/PixelStage.h"
#include "pixel/CodecComparison.h"
#include "common/JobContext.h"

namespace fs = std::filesystem;

namespace dqui {

void CodecComparisonJob::run(dq::Progress& progress, const dq::CancelToken& cancel)
{
    if (!dataset_ || !sample_ || sample_->result.indices.empty() || !pixel_)
        throw dq::UsageError("codecs", "run the Pixels stage first");
    const fs::path folder = pixel_->folder.toStdString();
    const fs::path saved = folder / dq::kCodecComparisonJson;
    std::error_code ec;
    if (fs::is_regular_file(saved, ec)) {
        try {
            auto c = std::make_shared<dq::CodecComparison>(dq::readCodecComparison(saved));
            if (c->maskRatios == maskRatios_ && c->images == static_cast<std::int64_t>(sample_->result.indices.size())) {
                fromCache = true;
                result = std::move(c);
                return;
            }
        } catch (const dq::Error&) {
            // An unreadable earlier result is computed again and replaced.
        }
    }
    const dq::PixelParams p = PixelStage::params(*dataset_, params_, cacheDir_);
    dq::CodecComparisonParams cp;
    cp.maskRatios = maskRatios_;
    dq::JobContext context(progress, cancel, noteSink());
    auto c =
        std::make_shared<dq::CodecComparison>(dq::compareCodecs(dataset_->train(), sample_->result.indices, p, cp, context));
    cancel.throwIfCancelled();
    if (fs::is_directory(folder, ec))
        dq::writeCodecComparison(folder, *c);
    result = std::move(c);
}

} // namespace dqui
