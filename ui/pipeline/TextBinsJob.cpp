#include "pipeline/TextBinsJob.h"

#include "bins/BinInputs.h"
#include "common/Error.h"
#include "common/Progress.h"
#include "pipeline/TextStages.h"
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

    // The engine takes the matrix; the features keep theirs for the next run.
    dq::BinInputs in = dq::denseInputsFromArray(features_->embeddings->matrix, {}, "embeddings", p.kernel);
    dq::BinParams bp;
    bp.bins = p.bins;
    bp.balance = false;
    bp.greedy.kind = p.greedy;
    bp.greedy.seed = p.seed;
    bp.threads = p.threads;
    const dq::BinResult r = dq::generateBins(*in.space, {}, bp, progress, cancel);
    cancel.throwIfCancelled();

    auto t = std::make_shared<dq::TextSelection>();
    t->method = "dq";
    t->binOf.assign(static_cast<std::size_t>(n), -1);
    for (std::size_t b = 0; b < r.bins.size(); ++b) {
        t->binSizes.push_back(static_cast<std::int64_t>(r.bins[b].size()));
        for (const std::int64_t i : r.bins[b])
            t->binOf[static_cast<std::size_t>(i)] = static_cast<int>(b);
    }
    t->unassigned = n - (n / p.bins) * p.bins;
    t->exact = r.exact;
    t->exactness = r.exactness;
    t->greedyUsed = r.greedyUsed;
    t->binSeconds = r.seconds;
    for (const std::string& w : r.warnings) {
        if (w.find("feature rows are all zero") != std::string::npos)
            continue; // as dq text: it speaks of cosines, which the dot kernel does not use
        t->warnings.push_back(w);
        addNote(QString::fromStdString(w));
    }

    auto s = std::make_shared<BinsState>();
    s->key = key_;
    s->name = QString::fromStdString(dataset_->bundle.name);
    s->bins = r.bins;
    s->stats = r.stats;
    s->binOf = t->binOf;
    s->text = std::move(t);
    s->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    bins = std::move(s);
}

} // namespace dqui
