#include "pipeline/TextBinsJob.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "common/Progress.h"
#include "pipeline/TextStages.h"
#include "common/JobContext.h"
#include "stages/TextStage.h"

#include <QCoreApplication>

#include <chrono>

namespace dqui {

void TextBinsJob::run(dq::Progress& progress, const dq::CancelToken& cancel)
{
    const auto t0 = std::chrono::steady_clock::now();
    dq::TextBinsParams p;
    p.text = TextStages::pipelineParams(*dataset_, params_, cacheDir_);
    p.records = features_->rows;
    if (!features_->embeddings || features_->embeddings->matrix.shape.size() != 2 ||
        features_->embeddings->matrix.shape[0] != p.records)
        throw dq::Error(dataset_->spec.toStdString(), "the embeddings are missing: run the Features stage again");
    if (p.text.greedy != dq::GreedyKind::Naive && p.text.greedy != dq::GreedyKind::Lazy)
        throw dq::FieldError("greedy", "instruction data is binned by the naive or the lazy greedy (which picks "
                                       "exactly what naive picks), not '" +
                                           params_.greedy.toStdString() + "'");
    if (params_.function != QLatin1String("graphcut"))
        addNote("studio.text-function-fixed",
                QCoreApplication::translate("TextBinsJob", "Instruction data is binned by GraphCut, as the reference "
                                                           "does; the submodular function setting applies to images."));
    // The engine shares the features' matrix (they keep it for the next run).
    p.embeddings = std::shared_ptr<const dq::NpyArray>(features_->embeddings, &features_->embeddings->matrix);
    dq::JobContext context(progress, cancel, noteSink());
    dq::TextBinsResult r = dq::runTextBins(p, context);
    cancel.throwIfCancelled();
    for (const dq::Note& w : r.selection.warnings)
        addNote(w);

    auto s = std::make_shared<BinsState>();
    s->key = key_;
    s->name = QString::fromStdString(dataset_->bundle.name);
    s->folder = QString::fromStdString(r.folder.string());
    s->fromCache = r.fromCache;
    s->bins = std::move(r.bins.bins);
    s->stats = std::move(r.bins.stats);
    s->binOf = r.selection.binOf;
    s->text = std::make_shared<dq::TextSelection>(std::move(r.selection));
    s->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    result = std::move(s);
}

} // namespace dqui
