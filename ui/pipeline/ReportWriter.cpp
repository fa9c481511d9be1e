#include "pipeline/ReportWriter.h"

#include "common/Format.h"
#include "pipeline/ComparisonMethods.h"
#include "pipeline/ComparisonTable.h"
#include "pipeline/EvaluationText.h"
#include "pixel/CodecComparison.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace dqui {
namespace {

QString esc(const QString& s) { return s.toHtmlEscaped(); }

QString row(const QString& k, const QString& v)
{
    return QStringLiteral("<tr><th>%1</th><td>%2</td></tr>\n").arg(esc(k), esc(v));
}

// The Evaluate stage's result: the sentence, the recipe and the table of every subset.
QString evaluationHtml(const dq::EvaluationResult& e)
{
    QString h = QStringLiteral("<h2>%1</h2>\n<p>%2</p>\n")
                    .arg(esc(ReportWriter::tr("How well the kept images train")), esc(EvaluationText::summary(e)));
    const dq::EvaluationRecipe& r = e.recipe;
    h += QStringLiteral("<p>%1</p>\n")
             .arg(esc(ReportWriter::tr("Recipe: %1, %2 epochs, batch %3, SGD lr %4 (cosine), momentum %5, weight decay "
                                       "%6, augmentation %7; seeds %8; tested on %9 %10 images.")
                          .arg(QString::fromStdString(r.model) +
                               (r.model == "convnet" ? QStringLiteral(" (width %1)").arg(r.width) : QString()))
                          .arg(r.epochs)
                          .arg(r.batchSize)
                          .arg(r.learningRate)
                          .arg(r.momentum)
                          .arg(r.weightDecay)
                          .arg(r.crop || r.flip ? ReportWriter::tr("random crop and flip") : ReportWriter::tr("none"))
                          .arg(e.seeds.size())
                          .arg(Format::count(e.testSize), QString::fromStdString(e.testSplit))));
    h += QStringLiteral("<table>\n<tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th></tr>\n")
             .arg(esc(ReportWriter::tr("subset")), esc(ReportWriter::tr("images")),
                  esc(ReportWriter::tr("final epoch accuracy")),
                  esc(ReportWriter::tr("best epoch (chosen on the test set)")));
    for (const dq::SubsetResult& s : e.subsets) {
        const int runs = static_cast<int>(s.runs.size());
        h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>\n")
                 .arg(esc(EvaluationText::subsetName(s.name)), Format::count(s.images),
                      esc(EvaluationText::accuracy(s.finalAccuracy, runs)),
                      esc(EvaluationText::accuracy(s.bestAccuracy, runs)));
    }
    h += QStringLiteral("</table>\n<p>%1</p>\n")
             .arg(esc(ReportWriter::tr("Every run's curve is in ../evaluation/curves.csv, the whole result in "
                                       "../evaluation/evaluation.json.")));
    return h;
}

// The Compare stage's result: where DQ stands, and the methods x keep ratios table.
QString comparisonHtml(const dq::EvaluationResult& e)
{
    const ComparisonTable t(e);
    QString h =
        QStringLiteral("<h2>%1</h2>\n<p>%2</p>\n").arg(esc(ReportWriter::tr("DQ against the field")), esc(t.summary()));
    h += QStringLiteral("<p>%1</p>\n")
             .arg(esc(ReportWriter::tr("Every method kept as many images of every class as DQ at each keep ratio, from "
                                       "the same features; a fresh %1 trained %2 epochs on each choice, seeds %3.")
                          .arg(QString::fromStdString(e.recipe.model))
                          .arg(e.recipe.epochs)
                          .arg(e.seeds.size())));
    h += QStringLiteral("<table>\n<tr><th>%1</th>").arg(esc(ReportWriter::tr("method")));
    for (const double r : t.ratios())
        h += QStringLiteral("<th>%1</th>").arg(esc(ComparisonTable::ratioText(r)));
    h += QStringLiteral("</tr>\n");
    for (const QString& m : t.methods()) {
        h += QStringLiteral("<tr><td>%1</td>").arg(esc(ComparisonMethods::displayName(m)));
        for (const double r : t.ratios()) {
            const dq::SubsetResult* s = t.cell(m, r);
            const QString cell =
                s ? EvaluationText::accuracy(s->finalAccuracy, static_cast<int>(s->runs.size())) : QStringLiteral("-");
            h += t.best(r) == m ? QStringLiteral("<td><b>%1</b></td>").arg(esc(cell))
                                : QStringLiteral("<td>%1</td>").arg(esc(cell));
        }
        h += QStringLiteral("</tr>\n");
    }
    h += QStringLiteral("</table>\n<p>%1</p>\n")
             .arg(esc(ReportWriter::tr("Final-epoch test accuracy, mean ± standard deviation over seeds; the best of each "
                                       "keep ratio in bold. Every run's curve is in ../comparison/curves.csv, the whole "
                                       "result in ../comparison/evaluation.json.")));
    return h;
}

QString decibels(double v) { return std::isfinite(v) ? QString::number(v, 'f', 2) : QStringLiteral("-"); }

// The rate-distortion table: DQ at each mask ratio, then JPEG and WebP at its bytes.
QString codecsHtml(const dq::CodecComparison& c)
{
    QString h = QStringLiteral("<h2>%1</h2>\n<p>%2</p>\n")
                    .arg(esc(ReportWriter::tr("Against JPEG and WebP at the same bytes")),
                         esc(ReportWriter::tr("The %1 kept images: DQ at each mask ratio (every file of its quantized "
                                              "folder; reconstructed by %2) and JPEG and WebP, one file per image, at "
                                              "the qualities that bring their total within 2% of DQ's bytes. PSNR and "
                                              "SSIM are means against the original images.")
                                 .arg(Format::count(c.images), QString::fromStdString(c.reconstruction))));
    h += QStringLiteral("<table>\n<tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th><th>%5</th><th>%6</th></tr>\n")
             .arg(esc(ReportWriter::tr("mask ratio")), esc(ReportWriter::tr("stored as")),
                  esc(ReportWriter::tr("bytes per image")), esc(ReportWriter::tr("quality")),
                  esc(ReportWriter::tr("PSNR (dB)")), esc(ReportWriter::tr("SSIM")));
    for (const dq::RatePoint& p : c.points) {
        const bool dq = p.method == "dq";
        QString quality = dq                   ? ReportWriter::tr("%1 of %2 patches").arg(p.keptPatches).arg(c.grid.count())
                          : p.imagesAtHigh > 0 ? QStringLiteral("%1-%2").arg(p.qualityLow).arg(p.qualityHigh)
                                               : QString::number(p.qualityLow);
        if (!p.withinTolerance)
            quality += QStringLiteral(" ") + ReportWriter::tr("(cannot reach DQ's bytes)");
        h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</td></tr>\n")
                 .arg(Format::pythonFloat(p.maskRatio),
                      dq                   ? esc(ReportWriter::tr("DQ"))
                      : p.method == "jpeg" ? QStringLiteral("JPEG")
                                           : QStringLiteral("WebP"),
                      QString::number(p.bytesPerImage, 'f', 1), esc(quality), decibels(p.psnr),
                      std::isfinite(p.ssim) ? QString::number(p.ssim, 'f', 4) : QStringLiteral("-"));
    }
    return h + QStringLiteral("</table>\n");
}

} // namespace

QString ReportWriter::html(const Input& in)
{
    const QString name = in.dataset ? QString::fromStdString(in.dataset->bundle.name) : QString();
    QString h;
    h += QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<title>%1</title>\n")
             .arg(esc(tr("DQ Studio report: %1").arg(name)));
    h += QStringLiteral(
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}"
        "table{border-collapse:collapse}th,td{padding:.25em .8em;border-bottom:1px solid #ddd;text-align:left}"
        "th{color:#555;font-weight:normal}img{max-width:100%;border:1px solid #ddd}</style>\n</head><body>\n");
    h += QStringLiteral("<h1>%1</h1>\n").arg(esc(tr("DQ Studio report: %1").arg(name)));
    h += QStringLiteral("<p>%1</p>\n")
             .arg(esc(tr("Written %1 by DQ Studio %2 (Dataset Quantization).")
                          .arg(QDateTime::currentDateTime().toString(Qt::ISODate), QStringLiteral(DQ_VERSION))));
    const StudioParameters& p = in.parameters;
    h += QStringLiteral("<h2>%1</h2>\n<table>\n").arg(esc(tr("What was done")));
    if (in.dataset)
        h += row(tr("Dataset"), in.dataset->spec);
    h += row(tr("Images used"), in.features ? Format::count(in.features->rows) : QStringLiteral("-"));
    h += row(tr("Feature model"), p.model + (p.epochs ? tr(", %1 training epochs").arg(p.epochs) : QString()));
    if (in.features)
        h += row(tr("Features"), tr("%1, %2 numbers per image").arg(in.features->mode).arg(in.features->dim));
    h += row(tr("Bins"), QString::number(p.bins));
    h += row(tr("Selection rule"), tr("%1, %2 greedy").arg(p.function, p.greedy));
    h += row(tr("Keep ratio"), Format::pythonFloat(p.ratio));
    h += row(tr("Seed"), QString::number(p.seed));
    if (in.pixel) {
        h += row(tr("Mask ratio"), tr("%1 (share of patches dropped)").arg(Format::pythonFloat(p.maskRatio)));
        h +=
            row(tr("Patch importance"),
                tr("%1, for the %2 class").arg(p.cam, p.camTarget == QLatin1String("label") ? tr("true") : tr("predicted")));
        h += row(tr("Heatmap network"), QString::fromStdString(in.pixel->result.camModel));
        h += row(tr("Reconstruction"), QString::fromStdString(in.pixel->result.reconstruction));
    }
    h += QStringLiteral("</table>\n");

    h += QStringLiteral("<h2>%1</h2>\n<table>\n").arg(esc(tr("What came out")));
    if (in.sample && in.features) {
        const auto& r = in.sample->result;
        h += row(tr("Kept"), tr("%1 of %2 images (%3)")
                                 .arg(Format::count(static_cast<qint64>(r.indices.size())), Format::count(r.datasetSize),
                                      Format::percent(r.trueRatio, 2)));
        if (in.dataset)
            h += row(tr("Kept images, as raw pixels"),
                     tr("%1 instead of %2 for the whole dataset")
                         .arg(Format::bytes(double(r.indices.size()) * in.dataset->sampleBytes),
                              Format::bytes(double(r.datasetSize) * in.dataset->sampleBytes)));
    }
    if (in.bins) {
        QStringList counts;
        for (const auto& b : in.bins->bins)
            counts << Format::count(static_cast<qint64>(b.size()));
        h += row(tr("Images per bin"), counts.join(QStringLiteral(", ")));
    }
    if (in.pixel) {
        const dq::PixelResult& r = in.pixel->result;
        const double sampleShare = in.sample ? in.sample->result.trueRatio : r.sampleRatio;
        h += row(tr("Patches kept"), tr("%1 of %2 per image (%3 x %4 grid of %5-pixel patches)")
                                         .arg(r.keptPatches)
                                         .arg(r.grid.count())
                                         .arg(r.grid.rows)
                                         .arg(r.grid.cols)
                                         .arg(r.grid.patchSize));
        h += row(tr("Final keep ratio"), tr("%1 x %2 = %3")
                                             .arg(Format::percent(sampleShare, 2), Format::percent(r.patchKeepRatio, 2),
                                                  Format::percent(sampleShare * r.patchKeepRatio, 2)));
        h += row(tr("Stored after patch dropping"),
                 tr("%1: the kept patches and their positions, instead of %2 for all pixels of the kept images")
                     .arg(Format::bytes(double(r.storedBytes)), Format::bytes(double(r.originalBytes))));
        h += row(tr("Kept images stored losslessly"),
                 tr("%1 as PNG, %2 as lossless WebP, %3 raw")
                     .arg(Format::bytes(double(r.pngBytes)), Format::bytes(double(r.webpLosslessBytes)),
                          Format::bytes(double(r.originalBytes))));
        h += row(tr("Sampling saving"),
                 tr("%1 of the whole dataset's %2 raw bytes kept")
                     .arg(Format::percent(r.datasetBytes ? double(r.originalBytes) / r.datasetBytes : 0.0, 2),
                          Format::bytes(double(r.datasetBytes))));
        h += row(tr("Pixel step saving"),
                 tr("stored in %1 of the kept images' best lossless size (%2)")
                     .arg(Format::percent(r.bestLosslessBytes ? double(r.storedBytes) / r.bestLosslessBytes : 0.0, 1),
                          QString::fromStdString(r.bestLosslessCodec)));
        h += row(tr("Reconstruction quality"),
                 tr("PSNR %1 dB, SSIM %2 (mean over the kept images)")
                     .arg(decibels(r.meanPsnr),
                          std::isfinite(r.meanSsim) ? QString::number(r.meanSsim, 'f', 4) : QStringLiteral("-")));
    }
    h += QStringLiteral("</table>\n");
    if (in.evaluation)
        h += evaluationHtml(in.evaluation->result);
    if (in.codecs && in.pixel)
        h += codecsHtml(*in.codecs);
    if (in.comparison)
        h += comparisonHtml(in.comparison->result);
    for (int i = 0; i < in.plots.size(); ++i)
        h += QStringLiteral("<h2>%1</h2>\n<p><img src=\"%2\" alt=\"%1\"></p>\n")
                 .arg(esc(in.plotTitles.value(i)), esc(in.plots[i]));
    h += QStringLiteral("<p>%1</p>\n</body></html>\n")
             .arg(esc(tr("The parameters are also in parameters.json beside this page.")));
    return h;
}

QByteArray ReportWriter::parametersJson(const Input& in)
{
    QJsonObject j{{QStringLiteral("format"), QStringLiteral("dq-studio-report")},
                  {QStringLiteral("format_version"), 1},
                  {QStringLiteral("dq_version"), QStringLiteral(DQ_VERSION)},
                  {QStringLiteral("parameters"), in.parameters.toJson()}};
    if (in.dataset)
        j.insert(QStringLiteral("dataset"),
                 QJsonObject{{QStringLiteral("spec"), in.dataset->spec},
                             {QStringLiteral("name"), QString::fromStdString(in.dataset->bundle.name)},
                             {QStringLiteral("fingerprint"), QString::fromStdString(in.dataset->train().fingerprint())}});
    QJsonObject results;
    if (in.features)
        results.insert(QStringLiteral("rows"), static_cast<qint64>(in.features->rows));
    if (in.bins) {
        QJsonArray counts;
        for (const auto& b : in.bins->bins)
            counts.append(static_cast<qint64>(b.size()));
        results.insert(QStringLiteral("bin_counts"), counts);
    }
    if (in.sample) {
        results.insert(QStringLiteral("kept"), static_cast<qint64>(in.sample->result.indices.size()));
        results.insert(QStringLiteral("true_ratio"), in.sample->result.trueRatio);
    }
    if (in.pixel) {
        const dq::PixelResult& r = in.pixel->result;
        const auto finite = [](double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null); };
        results
            .insert(QStringLiteral("pixel"),
                    QJsonObject{{QStringLiteral("images"), static_cast<qint64>(r.images)},
                                {QStringLiteral("grid"), QJsonArray{r.grid.rows, r.grid.cols}},
                                {QStringLiteral("patch_size"), r.grid.patchSize},
                                {QStringLiteral("kept_patches"), r.keptPatches},
                                {QStringLiteral("patch_keep_ratio"), r.patchKeepRatio},
                                {QStringLiteral("final_keep_ratio"),
                                 (in.sample ? in.sample->result.trueRatio : r.sampleRatio) * r.patchKeepRatio},
                                {QStringLiteral("bytes_original"), static_cast<qint64>(r.originalBytes)},
                                {QStringLiteral("bytes_stored"), static_cast<qint64>(r.storedBytes)},
                                {QStringLiteral("bytes_dataset_raw"), static_cast<qint64>(r.datasetBytes)},
                                {QStringLiteral("bytes_original_png"), static_cast<qint64>(r.pngBytes)},
                                {QStringLiteral("bytes_original_webp_lossless"), static_cast<qint64>(r.webpLosslessBytes)},
                                {QStringLiteral("bytes_original_best_lossless"), static_cast<qint64>(r.bestLosslessBytes)},
                                {QStringLiteral("psnr"), finite(r.meanPsnr)},
                                {QStringLiteral("ssim"), finite(r.meanSsim)},
                                {QStringLiteral("reconstruction"), QString::fromStdString(r.reconstruction)}});
    }
    if (in.codecs && in.pixel) {
        const auto finite = [](double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null); };
        QJsonArray points;
        for (const dq::RatePoint& p : in.codecs->points)
            points.append(QJsonObject{{QStringLiteral("method"), QString::fromStdString(p.method)},
                                      {QStringLiteral("mask_ratio"), p.maskRatio},
                                      {QStringLiteral("bytes"), static_cast<qint64>(p.bytes)},
                                      {QStringLiteral("bytes_per_image"), p.bytesPerImage},
                                      {QStringLiteral("within_tolerance"), p.withinTolerance},
                                      {QStringLiteral("psnr_db"), finite(p.psnr)},
                                      {QStringLiteral("ssim"), finite(p.ssim)}});
        results.insert(QStringLiteral("codecs"), points);
    }
    if (in.evaluation) {
        QJsonArray subsets;
        for (const dq::SubsetResult& s : in.evaluation->result.subsets)
            subsets.append(
                QJsonObject{{QStringLiteral("name"), QString::fromStdString(s.name)},
                            {QStringLiteral("images"), static_cast<qint64>(s.images)},
                            {QStringLiteral("final_acc"), QJsonObject{{QStringLiteral("mean"), s.finalAccuracy.mean},
                                                                      {QStringLiteral("std"), s.finalAccuracy.std}}},
                            {QStringLiteral("best_acc"), QJsonObject{{QStringLiteral("mean"), s.bestAccuracy.mean},
                                                                     {QStringLiteral("std"), s.bestAccuracy.std}}}});
        results.insert(QStringLiteral("evaluation"), subsets);
    }
    if (in.comparison) {
        QJsonArray cells;
        for (const dq::SubsetResult& s : in.comparison->result.subsets)
            cells.append(
                QJsonObject{{QStringLiteral("method"), ComparisonMethods::methodOf(s.name)},
                            {QStringLiteral("ratio"), ComparisonMethods::ratioOf(s.name)},
                            {QStringLiteral("images"), static_cast<qint64>(s.images)},
                            {QStringLiteral("final_acc"), QJsonObject{{QStringLiteral("mean"), s.finalAccuracy.mean},
                                                                      {QStringLiteral("std"), s.finalAccuracy.std}}}});
        results.insert(QStringLiteral("comparison"), cells);
    }
    j.insert(QStringLiteral("results"), results);
    return QJsonDocument(j).toJson(QJsonDocument::Indented);
}

} // namespace dqui
