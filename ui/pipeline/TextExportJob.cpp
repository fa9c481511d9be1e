#include "pipeline/TextExportJob.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "pipeline/InstructionRecords.h"
#include "pipeline/TextStages.h"
#include "text/TextPipeline.h"

namespace dqui {
namespace {

// What the manifest says of the embeddings, without their matrix.
dq::TextEmbeddings describe(const dq::TextEmbeddings& e)
{
    dq::TextEmbeddings d;
    d.kind = e.kind;
    d.source = e.source;
    d.fromCache = e.fromCache;
    d.cacheFile = e.cacheFile;
    d.cacheKey = e.cacheKey;
    d.dim = e.dim;
    d.vocabulary = e.vocabulary;
    d.warnings = e.warnings;
    d.seconds = e.seconds;
    return d;
}

} // namespace

void TextExportJob::run(dq::Progress& progress, const dq::CancelToken& cancel)
{
    if (subsetPath_.isEmpty())
        throw dq::UsageError("export", "no folder chosen");
    if (!dataset_ || !dataset_->instructions || !features_ || !features_->embeddings || !bins_ || !bins_->text || !sample_)
        throw dq::UsageError("export", "nothing to export yet: run the Sample stage first");
    progress.setStage("export", 1);
    const InstructionRecords& records = *dataset_->instructions;
    const dq::TextPipelineParams p = TextStages::pipelineParams(*dataset_, params_, {});
    const dq::TextOutputPaths paths = dq::TextOutputPaths::forOutput(subsetPath_.toStdString());
    dq::checkTextOutputs(paths, records.data().path);

    dq::TextRun run;
    run.data = records.data();
    run.embeddings = describe(*features_->embeddings);
    run.embedded = true;
    run.selection = *bins_->text;
    dq::TextSelection& s = run.selection;
    s.indices = sample_->result.indices;
    s.perBin = sample_->result.perBin;
    s.perBinSample = dq::referencePerBinSample(records.size(), params_.ratio, static_cast<int>(bins_->bins.size()));
    s.trueRatio = static_cast<double>(s.indices.size()) / static_cast<double>(records.size());
    run.readSeconds = records.readSeconds();
    run.totalSeconds = run.readSeconds + run.embeddings.seconds + s.binSeconds + s.sampleSeconds;
    run.warnings = run.data.warnings;
    for (const auto* list : {&run.embeddings.warnings, &s.warnings})
        run.warnings.insert(run.warnings.end(), list->begin(), list->end());
    cancel.throwIfCancelled();

    dq::writeTextOutputs(paths, run, p);
    for (const auto* f : {&paths.subset, &paths.indices, &paths.meta})
        written << QString::fromStdString(f->string());
    progress.advance();
    progress.finishStage();
}

} // namespace dqui
