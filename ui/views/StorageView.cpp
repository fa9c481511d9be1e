#include "views/StorageView.h"

#include "common/Format.h"
#include "views/CodecComparisonPanel.h"

#include <qcustomplot.h>

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

namespace dqui {

StorageView::StorageView(QWidget* parent) : QWidget(parent)
{
    text_ = new QLabel(this);
    text_->setWordWrap(true);
    text_->setTextFormat(Qt::RichText);
    text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    plot_ = new QCustomPlot(this);
    plot_->setInteractions(QCP::Interactions());
    plot_->setMinimumHeight(160);
    plot_->setMaximumHeight(240);
    codecs_ = new CodecComparisonPanel(this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text_);
    layout->addWidget(plot_, 1);
    layout->addWidget(codecs_, 2);
    rebuild();
}

void StorageView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        rebuild();
    QWidget::changeEvent(event);
}

void StorageView::setResults(DatasetPtr dataset, FeaturesPtr features, SamplePtr sample, PixelPtr pixel)
{
    dataset_ = std::move(dataset);
    features_ = std::move(features);
    sample_ = std::move(sample);
    pixel_ = std::move(pixel);
    codecs_->setVisible(dataset_ && dataset_->images);
    codecs_->setContext(dataset_, sample_, pixel_, params_, cacheDir_);
    rebuild();
}

void StorageView::setPixelContext(const StudioParameters& params, const std::filesystem::path& cacheDir)
{
    params_ = params;
    cacheDir_ = cacheDir;
}

void StorageView::rebuild()
{
    plot_->clearPlottables();
    bars_ = nullptr;
    original_ = kept_ = stored_ = png_ = lossless_ = 0;
    if (!dataset_) {
        text_->setText(tr("Open a dataset to see its size."));
        plot_->replot();
        return;
    }
    const qint64 rows = features_ ? features_->rows : dataset_->size();
    const qint64 keptRows = sample_ ? static_cast<qint64>(sample_->result.indices.size()) : 0;
    original_ = double(rows) * double(dataset_->sampleBytes);
    kept_ = double(keptRows) * double(dataset_->sampleBytes);
    const QString unit = dataset_->images ? tr("as raw 8-bit pixels") : tr("as float32 feature rows");
    QString html = tr("<b>Original:</b> %1 images, %2 (%3)").arg(Format::count(rows), Format::bytes(original_), unit);
    if (sample_) {
        html += QStringLiteral("<br>") + tr("<b>Kept:</b> %1 images, %2: %3 of the data")
                                             .arg(Format::count(keptRows), Format::bytes(kept_),
                                                  Format::percent(rows ? double(keptRows) / rows : 0.0));
        if (pixel_) {
            const dq::PixelResult& r = pixel_->result;
            stored_ = double(r.storedBytes);
            png_ = double(r.pngBytes);
            lossless_ = double(r.bestLosslessBytes);
            html += QStringLiteral("<br>") +
                    tr("<b>The kept images stored losslessly:</b> %1 as PNG, %2 as lossless WebP (one file each)")
                        .arg(Format::bytes(png_), Format::bytes(double(r.webpLosslessBytes)));
            html += QStringLiteral("<br>") +
                    tr("<b>Stored after patch dropping:</b> %1, compressed (%2 of %3 patches of every kept image, "
                       "with their positions)")
                        .arg(Format::bytes(stored_))
                        .arg(r.keptPatches)
                        .arg(r.grid.count());
            html += QStringLiteral("<br>") +
                    tr("Two separate savings: sampling keeps %1 of the data's raw bytes; patch dropping stores the "
                       "kept images in %2 of their best lossless size (%3).")
                        .arg(Format::percent(rows ? double(keptRows) / rows : 0.0, 2),
                             Format::percent(lossless_ > 0 ? stored_ / lossless_ : 0.0, 1),
                             QString::fromStdString(r.bestLosslessCodec));
        } else {
            if (dataset_->images)
                html += QStringLiteral("<br>") + tr("Run the Pixels stage to see what storing only the kept patches saves.");
            html += QStringLiteral("<br>") + tr("Saved: %1").arg(Format::bytes(original_ - kept_));
        }
    } else {
        html += QStringLiteral("<br>") + tr("Run the Sample stage to see what is kept.");
    }
    text_->setText(html);

    bars_ = new QCPBars(plot_->yAxis, plot_->xAxis); // horizontal bars
    bars_->setPen(Qt::NoPen);
    bars_->setBrush(QColor(0x4e, 0x79, 0xa7));
    bars_->setWidth(0.6);
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    if (pixel_) {
        bars_->setData({4, 3, 2, 1, 0}, {original_ / 1e6, kept_ / 1e6, png_ / 1e6, lossless_ / 1e6, stored_ / 1e6}, true);
        ticker->addTick(4, tr("original"));
        ticker->addTick(3, tr("kept"));
        ticker->addTick(2, tr("kept as PNG"));
        ticker->addTick(1, tr("kept, best lossless"));
        ticker->addTick(0, tr("stored by DQ"));
        plot_->yAxis->setRange(-0.6, 4.6);
    } else {
        bars_->setData({1, 0}, {original_ / 1e6, kept_ / 1e6}, true);
        ticker->addTick(1, tr("original"));
        ticker->addTick(0, tr("kept"));
        plot_->yAxis->setRange(-0.6, 1.6);
    }
    plot_->yAxis->setTicker(ticker);
    plot_->xAxis->setLabel(tr("MB"));
    plot_->xAxis->setRange(0, std::max(1e-3, original_ / 1e6 * 1.05));
    plot_->replot();
}

} // namespace dqui
