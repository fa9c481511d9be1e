#pragma once
#include "pipeline/StudioParameters.h"
#include "pipeline/StageJob.h"

namespace dqui {

// The Export of instruction data: the kept records in the input's own format and layout
// (SUBSET.json), their indices (SUBSET.indices.npy) and the manifest (SUBSET.json.meta.json),
// written by core's dq text writer, each file atomically, the manifest last.
class TextExportJob : public StageJob {
public:
    TextExportJob(DatasetPtr dataset, FeaturesPtr features, BinsPtr bins, SamplePtr sample, StudioParameters params,
                  QString subsetPath)
            : dataset_(std::move(dataset)), features_(std::move(features)), bins_(std::move(bins)),
              sample_(std::move(sample)), params_(std::move(params)), subsetPath_(std::move(subsetPath))
    { }
    void run(dq::Progress& progress, const dq::CancelToken& cancel) override;
    void apply(PipelineState& state) override { state.exported = written; }

    QStringList written; // the subset, its indices and its manifest

private:
    DatasetPtr dataset_;
    FeaturesPtr features_;
    BinsPtr bins_;
    SamplePtr sample_;
    StudioParameters params_;
    QString subsetPath_;
};

} // namespace dqui
