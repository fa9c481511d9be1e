#include "pipeline/TextOpenJob.h"

#include "common/Error.h"
#include "common/Progress.h"
#include "pipeline/InstructionRecords.h"
#include "pipeline/InstructionSpec.h"
#include "text/InstructionReader.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>
#include <chrono>

namespace fs = std::filesystem;

namespace dqui {

void TextOpenJob::run(dq::Progress& progress, const dq::CancelToken& cancel)
{
    const auto t0 = std::chrono::steady_clock::now();
    progress.setStage("read", 0);
    InstructionSpec spec = InstructionSpec::parse(spec_);
    // Absolute, so that recent lists and projects open the same files from anywhere.
    spec.data = QFileInfo(spec.data).absoluteFilePath();
    if (!spec.embeddings.isEmpty())
        spec.embeddings = QFileInfo(spec.embeddings).absoluteFilePath();
    const fs::path embeddings = spec.embeddings.toStdString();
    std::error_code ec;
    if (!embeddings.empty() && !fs::is_regular_file(embeddings, ec))
        throw dq::Error(embeddings.string(), "the embeddings file does not exist");
    dq::InstructionDataset data = dq::readInstructionDataset(spec.data.toStdString());
    cancel.throwIfCancelled();
    if (data.size() == 0)
        throw dq::Error(data.path.string(), "holds no records");
    if (!data.warnings.empty()) {
        QStringList shown;
        for (std::size_t i = 0; i < std::min<std::size_t>(3, data.warnings.size()); ++i)
            shown << QString::fromStdString(data.warnings[i].text);
        QString note = shown.join(QStringLiteral("; "));
        if (data.warnings.size() > 3)
            note += QCoreApplication::translate("TextOpenJob", " (and %1 more)").arg(data.warnings.size() - 3);
        addNote("text.records-warnings", note); // the first few, in one line
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const std::int64_t bytes = data.bytes;
    auto records = std::make_shared<InstructionRecords>(std::move(data), embeddings, seconds);

    auto s = std::make_shared<DatasetState>();
    s->spec = spec.toString();
    s->bundle.name = fs::path(spec.data.toStdString()).stem().string();
    s->bundle.spec = s->spec.toStdString();
    s->bundle.train = records;
    s->labels = records->labels();
    s->images = false;
    s->sampleBytes = std::max<std::int64_t>(1, bytes / records->size()); // the mean record
    s->key = s->spec + QStringLiteral("|train|") + QString::fromStdString(records->fingerprint());
    s->instructions = std::move(records);
    progress.finishStage();
    result = std::move(s);
}

} // namespace dqui
