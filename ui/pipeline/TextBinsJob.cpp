#include "pipeline/TextBinsJob.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "pipeline/TextStages.h"
#include "bins/BinGenerator.h"
#include "text/TextPipeline.h"

#include <QCoreApplication>

#include <chrono>

namespace dqui {

void TextBinsJob::run(dq::Progress& progress, const dq::CancelToken& cancel)
{
    const auto t0 = std::chrono::steady_clock::now();
    const dq::TextPipelineParams p = TextStages::pipelineParams(*dataset_, params_, {});
    const std::int64_t n = features_->rows;
    if (!features_->embeddings || features_->embeddings->matrix.shape.size() != 2 ||
        features_->embeddings->matrix.shape[0] != n)
        throw dq::Error(dataset_->spec.toStdString(), "the embeddings are missing: run the Features stage again");
    if (p.bins > n)
        throw dq::UsageError("bins", std::to_string(p.bins) + " bins for " + std::to_string(n) + " records");
    if (p.greedy != dq::GreedyKind::Naive && p.greedy != dq::GreedyKind::Lazy)
        throw dq::UsageError("greedy", "instruction data is binned by the naive or the lazy greedy (which picks "
                                       "exactly what naive picks), not '" + params_.greedy.toStdString() + "'");
    if (params_.function != QLatin1String("graphcut"))
        addNote(QCoreApplication::translate("TextBinsJob", "Instruction data is binned by GraphCut, as the reference "
                                                           "does; the submodular function setting applies to images."));

    // The engine takes a copy of the matrix; the features keep theirs for the next run.
    dq::BinResult r;
    auto t = std::make_shared<dq::TextSelection>(
        dq::binInstructions(features_->embeddings->matrix, n, p, progress, cancel, &r));
    cancel.throwIfCancelled();
    for (const std::string& w : t->warnings)
        addNote(QString::fromStdString(w));

    auto s = std::make_shared<BinsState>();
    s->key = key_;
    s->name = QString::fromStdString(dataset_->bundle.name);
    s->bins = std::move(r.bins);
    s->stats = std::move(r.stats);
    s->binOf = t->binOf;
    s->text = std::move(t);
    s->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    result = std::move(s);
}

} // namespace dqui
