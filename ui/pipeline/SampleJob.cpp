#include "pipeline/SampleJob.h"

#include "common/Error.h"
#include "common/Progress.h"

namespace dqui {

void SampleJob::run(dq::Progress& progress, const dq::CancelToken& cancel)
{
    if (!(ratio_ > 0.0 && ratio_ <= 1.0))
        throw dq::UsageError("ratio", "must lie in (0, 1], got " + std::to_string(ratio_));
    progress.setStage("sample", 1);
    auto s = std::make_shared<SampleState>();
    s->key = key_;
    s->result = dq::sampleBins(bins_->bins, bins_->labels, rows_, ratio_, seed_);
    cancel.throwIfCancelled();
    s->selected.assign(static_cast<std::size_t>(rows_), 0);
    for (std::int64_t i : s->result.indices)
        if (i >= 0 && i < rows_)
            s->selected[static_cast<std::size_t>(i)] = 1;
    progress.advance();
    progress.finishStage();
    result = std::move(s);
}

} // namespace dqui
