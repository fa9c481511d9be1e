#include "pipeline/TextEmbeddingsJob.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "pipeline/InstructionRecords.h"
#include "pipeline/TextStages.h"
#include "text/EmbeddingCache.h"
#include "text/TextPipeline.h"

#include <QCoreApplication>

#include <chrono>

namespace dqui {

void TextEmbeddingsJob::run(dq::Progress& progress, const dq::CancelToken& cancel)
{
    const auto t0 = std::chrono::steady_clock::now();
    const InstructionRecords& records = *dataset_->instructions;
    const dq::TextPipelineParams p = TextStages::pipelineParams(*dataset_, params_, cacheDir_);
    if (params_.limit > 0)
        addNote("studio.text-limit-unused",
                QCoreApplication::translate("TextEmbeddingsJob",
                                            "Instruction data is binned whole: the limit of %1 is not used.")
                    .arg(params_.limit));
    dq::TextEmbeddingSpec spec = p.embedding;
    spec.tfidf.threads = p.threads;
    const dq::EmbeddingCache cache(p.cacheDir.empty() ? dq::defaultCacheDir() : p.cacheDir);
    auto e = std::make_shared<dq::TextEmbeddings>(
        dq::loadTextEmbeddings(records.data(), spec, cache, p.reuseCache, progress, cancel));
    for (const dq::Note& w : e->warnings)
        addNote(w);
    cancel.throwIfCancelled();

    auto s = std::make_shared<FeaturesState>();
    s->key = key_;
    s->rows = records.size();
    s->dim = e->dim;
    s->mode = QString::fromLatin1(dq::textEmbeddingKindName(e->kind)); // "tfidf" or "file"
    s->projection = dq::pcaProjection(e->matrix, progress, cancel);
    s->projection.source = e->source + " (" + std::to_string(e->dim) + "-d)";
    s->labels = dataset_->labels;
    s->embeddings = std::move(e);
    s->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    result = std::move(s);
}

} // namespace dqui
