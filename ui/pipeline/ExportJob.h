#pragma once
#include "evaluation/EvaluationParams.h"
#include "pipeline/StageJob.h"

#include <QImage>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace dqui {

// What to write and where. The window fills in the plots (rendered on the GUI thread);
// the job encodes and writes everything on the worker thread.
struct ExportRequest {
    QString folder;
    bool indices = true; // select_indices_<NAME>_<R>.npy
    bool bins = true; // bins/ (the folder dq bins writes)
    bool images = false; // reconstructed/: images/<class>/<index>.png, manifest.csv, pixel.json
    bool quantized = false; // quantized/: the kept patches (QuantizedStorage.h)
    bool report = true; // report/: index.html, parameters.json, the plots as PNG

    QString name; // dataset name in the file names
    double ratio = 0;
    std::vector<std::int64_t> selected;
    QString binsFolder; // the bins folder to copy
    QString pixelFolder; // the Pixels stage's folder to copy from
    QString reportHtml;
    QByteArray parametersJson;
    QList<QPair<QString, QImage>> plots; // file name (e.g. "scatter.png"), image
    // With the report: evaluation/ (evaluation.json and curves.csv, as dq evaluate writes
    // them) when the Evaluate stage ran with these parameters.
    std::shared_ptr<const dq::EvaluationResult> evaluation;
    // With the report: comparison/ (the same two files) when the Compare stage ran with
    // these parameters.
    std::shared_ptr<const dq::EvaluationResult> comparison;
};

// Writes the export atomically: every file and folder appears complete or not at all,
// and a folder that is not ours is never replaced.
class ExportJob : public StageJob {
public:
    explicit ExportJob(ExportRequest request) : request_(std::move(request)) { }
    void run(dq::Progress& progress, const dq::CancelToken& cancel) override;
    void apply(PipelineState& state) override { state.exported = written; }

    static QString indicesFileName(const QString& name, double ratio);

    QStringList written; // the files and folders written, in order

private:
    ExportRequest request_;
};

} // namespace dqui
