#pragma once
#include "pipeline/Results.h"
#include "pipeline/StudioParameters.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <memory>

namespace dq {
struct CodecComparison;
}

namespace dqui {

// The export's report: a self-contained HTML page (next to its PNG plots) that tells a
// co-author what was done and what came out, and the parameters as JSON.
class ReportWriter {
    Q_DECLARE_TR_FUNCTIONS(ReportWriter)

public:
    struct Input {
        DatasetPtr dataset;
        FeaturesPtr features;
        BinsPtr bins;
        SamplePtr sample;
        PixelPtr pixel; // the Pixels stage's result (null: not run with these parameters)
        StudioParameters parameters;
        QStringList plots; // PNG file names beside index.html, in order
        QStringList plotTitles; // one per plot
        EvaluationPtr evaluation; // the Evaluate stage's result (null: not run with these parameters)
        // The Storage view's comparison with JPEG and WebP (null: not run for this Pixels result).
        std::shared_ptr<const dq::CodecComparison> codecs;
        ComparisonPtr comparison; // the Compare stage's result (null: not run with these parameters)
    };

    static QString html(const Input& in);
    // {"format": "dq-studio-report", "dataset": ..., "parameters": ..., "results": ...}
    static QByteArray parametersJson(const Input& in);
};

} // namespace dqui
