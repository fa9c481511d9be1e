#include "views/CodecComparisonPanel.h"

#include "common/Error.h"
#include "common/Format.h"
#include "pipeline/CodecComparisonJob.h"
#include "pipeline/JobRunner.h"
#include "pixel/CodecComparison.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

namespace dqui {
namespace {

QString ratioList(const std::vector<double>& ratios)
{
    QStringList parts;
    for (const double r : ratios)
        parts << Format::pythonFloat(r);
    return parts.join(QStringLiteral(", "));
}

struct Curve {
    const char* method;
    QColor colour;
    QCPScatterStyle::ScatterShape shape;
};

const Curve kCurves[] = {{"dq", QColor(0x4e, 0x79, 0xa7), QCPScatterStyle::ssDisc},
                         {"jpeg", QColor(0xf2, 0x8e, 0x2b), QCPScatterStyle::ssSquare},
                         {"webp", QColor(0x59, 0xa1, 0x4f), QCPScatterStyle::ssTriangle}};

} // namespace

CodecComparisonPanel::CodecComparisonPanel(QWidget* parent) : QWidget(parent), runner_(new JobRunner(this))
{
    title_ = new QLabel(this);
    explanation_ = new QLabel(this);
    explanation_->setWordWrap(true);
    ratiosLabel_ = new QLabel(this);
    ratios_ = new QLineEdit(ratioList(dq::defaultComparisonMaskRatios()), this);
    ratiosLabel_->setBuddy(ratios_);
    metric_ = new QComboBox(this);
    metric_->addItems({QString(), QString()});
    compare_ = new QPushButton(this);
    cancel_ = new QPushButton(this);
    progress_ = new QProgressBar(this);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    plot_ = new QCustomPlot(this);
    plot_->setInteractions(QCP::Interactions());
    plot_->setMinimumHeight(220);
    plot_->legend->setVisible(true);
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft); // DQ's curve runs low

    auto* controls = new QHBoxLayout;
    controls->addWidget(ratiosLabel_);
    controls->addWidget(ratios_, 1);
    controls->addWidget(metric_);
    controls->addWidget(compare_);
    controls->addWidget(cancel_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title_);
    layout->addWidget(explanation_);
    layout->addLayout(controls);
    layout->addWidget(progress_);
    layout->addWidget(status_);
    layout->addWidget(plot_, 1);
    layout->addStretch(); // takes the room while the plot is hidden, so the text stays together

    connect(compare_, &QPushButton::clicked, this, &CodecComparisonPanel::start);
    connect(cancel_, &QPushButton::clicked, this, &CodecComparisonPanel::cancel);
    connect(metric_, &QComboBox::currentIndexChanged, this, &CodecComparisonPanel::replot);
    connect(runner_, &JobRunner::progress, this, [this](const JobProgress& p) {
        progress_->setMaximum(p.total > 0 ? static_cast<int>(std::min<qint64>(p.total, 1 << 30)) : 0);
        progress_->setValue(static_cast<int>(std::min<qint64>(p.done, 1 << 30)));
        progress_->setFormat(p.stage + QStringLiteral(": %v / %m"));
    });
    connect(runner_, &JobRunner::finished, this, &CodecComparisonPanel::onFinished);
    connect(runner_, &JobRunner::failed, this, &CodecComparisonPanel::onFailed);
    connect(runner_, &JobRunner::cancelled, this, [this] {
        message_ = tr("Cancelled.");
        updateState();
    });
    retranslate();
    updateState();
    replot();
}

CodecComparisonPanel::~CodecComparisonPanel() { runner_->cancel(); }

bool CodecComparisonPanel::isRunning() const { return runner_->isBusy(); }

void CodecComparisonPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void CodecComparisonPanel::retranslate()
{
    title_->setText(QStringLiteral("<b>%1</b>").arg(tr("Against JPEG and WebP at the same bytes")));
    explanation_->setText(
        tr("DQ at each mask ratio: the CAM of every kept image once, then its kept patches stored as the Pixels "
           "stage stores them and the reconstruction, each ratio about as long as the Pixels stage. JPEG and WebP "
           "store every kept image as one file, at the qualities that bring their total within 2% of DQ's bytes."));
    ratiosLabel_->setText(tr("Mask ratios:"));
    ratios_->setToolTip(tr("The fractions of patches DQ drops, separated by commas, each between 0 and 1"));
    metric_->setItemText(0, tr("PSNR"));
    metric_->setItemText(1, tr("SSIM"));
    metric_->setToolTip(tr("The quality measure on the vertical axis, against the original images"));
    compare_->setText(tr("Compare"));
    compare_->setToolTip(tr("Run DQ at these mask ratios and fit JPEG and WebP to its bytes (in the background)"));
    cancel_->setText(tr("Cancel"));
    updateState();
    replot();
}

void CodecComparisonPanel::setContext(DatasetPtr dataset, SamplePtr sample, PixelPtr pixel, const StudioParameters& params,
                                      const std::filesystem::path& cacheDir)
{
    // Called on every refresh of the window: recompute nothing unless the result changed.
    const bool samePixel = pixel == pixel_ || (pixel && pixel_ && pixel->folder == pixel_->folder);
    dataset_ = std::move(dataset);
    sample_ = std::move(sample);
    params_ = params;
    cacheDir_ = cacheDir;
    pixel_ = std::move(pixel);
    if (!samePixel) {
        if (runner_->isBusy())
            runner_->cancel();
        comparison_.reset();
        message_.clear();
        // A comparison saved beside this result (a small JSON file) is shown at once.
        if (pixel_) {
            const auto saved = std::filesystem::path(pixel_->folder.toStdString()) / dq::kCodecComparisonJson;
            std::error_code ec;
            if (std::filesystem::is_regular_file(saved, ec)) {
                try {
                    comparison_ = std::make_shared<dq::CodecComparison>(dq::readCodecComparison(saved));
                    ratios_->setText(ratioList(comparison_->maskRatios));
                } catch (const dq::Error&) {
                    comparison_.reset();
                }
            }
        }
        replot();
        emit comparisonChanged();
    }
    updateState();
}

void CodecComparisonPanel::start()
{
    if (runner_->isBusy() || !pixel_ || !dataset_ || !sample_)
        return;
    std::vector<double> ratios;
    try {
        ratios = dq::parseMaskRatioList(ratios_->text().toStdString(), "compare-mask-ratios");
    } catch (const dq::Error&) {
        message_ = tr("Mask ratios: give numbers between 0 and 1 separated by commas, e.g. 0.2, 0.5.");
        updateState();
        return;
    }
    message_.clear();
    progress_->setRange(0, 0);
    runner_->start(std::make_shared<CodecComparisonJob>(dataset_, sample_, pixel_, params_, cacheDir_, ratios));
    updateState();
}

void CodecComparisonPanel::cancel() { runner_->cancel(); }

void CodecComparisonPanel::onFinished()
{
    const auto job = std::dynamic_pointer_cast<CodecComparisonJob>(runner_->lastJob());
    if (job && job->result) {
        comparison_ = job->result;
        ratios_->setText(ratioList(comparison_->maskRatios)); // as computed: sorted, no repeats
        message_.clear();
    }
    replot();
    updateState();
    emit comparisonChanged();
}

void CodecComparisonPanel::onFailed(const QString& message)
{
    message_ = tr("The comparison failed: %1").arg(message);
    updateState();
}

void CodecComparisonPanel::updateState()
{
    const bool running = runner_->isBusy();
    const bool ready = pixel_ && dataset_ && sample_;
    compare_->setEnabled(ready && !running);
    ratios_->setEnabled(!running);
    cancel_->setVisible(running);
    progress_->setVisible(running);
    plot_->setVisible(comparison_ != nullptr);
    status_->setText(statusText());
}

QString CodecComparisonPanel::statusText() const
{
    if (!pixel_)
        return tr("Run the Pixels stage first: the comparison uses its parameters and kept images.");
    if (!message_.isEmpty())
        return message_;
    if (runner_->isBusy())
        return tr("Comparing...");
    if (!comparison_)
        return tr("Not compared yet.");
    const dq::CodecComparison& c = *comparison_;
    QString text = tr("%1 kept images; DQ reconstructed by %2 at mask ratios %3.")
                       .arg(Format::count(c.images), QString::fromStdString(c.reconstruction), ratioList(c.maskRatios));
    int unreachable = 0;
    for (const dq::RatePoint& p : c.points)
        unreachable += p.withinTolerance ? 0 : 1;
    if (unreachable > 0)
        text += QStringLiteral(" ") + tr("Codec points that cannot reach DQ's bytes within 2%: %1; each is drawn "
                                         "at the bytes the codec needs at its lowest or highest quality.")
                                          .arg(unreachable);
    return text;
}

void CodecComparisonPanel::replot()
{
    plot_->clearGraphs();
    plot_->clearItems();
    const bool ssim = metric_->currentIndex() == 1;
    plot_->xAxis->setLabel(tr("bytes per image"));
    plot_->yAxis->setLabel(ssim ? tr("SSIM") : tr("PSNR (dB)"));
    if (!comparison_) {
        plot_->replot();
        return;
    }
    const QString names[] = {tr("DQ (patch dropping + reconstruction)"), tr("JPEG"), tr("WebP")};
    double xMin = 1e18, xMax = 0, yMin = ssim ? 1.0 : 1e9, yMax = 0;
    for (int k = 0; k < 3; ++k) {
        QVector<double> x, y;
        for (const dq::RatePoint& p : comparison_->curve(kCurves[k].method)) {
            const double v = ssim ? p.ssim : p.psnr;
            if (!std::isfinite(v))
                continue;
            x << p.bytesPerImage;
            y << v;
            xMin = std::min(xMin, p.bytesPerImage);
            xMax = std::max(xMax, p.bytesPerImage);
            yMin = std::min(yMin, v);
            yMax = std::max(yMax, v);
            if (k == 0) { // the mask ratio beside each DQ point
                auto* label = new QCPItemText(plot_);
                label->position->setCoords(p.bytesPerImage, v);
                label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
                label->setText(QStringLiteral(" ") + Format::pythonFloat(p.maskRatio));
                label->setColor(kCurves[k].colour);
            }
        }
        QCPGraph* g = plot_->addGraph();
        g->setName(names[k]);
        g->setPen(QPen(kCurves[k].colour, 2));
        g->setScatterStyle(QCPScatterStyle(kCurves[k].shape, kCurves[k].colour, kCurves[k].colour, 7));
        g->setData(x, y);
    }
    const double xPad = std::max(1.0, (xMax - xMin) * 0.12);
    plot_->xAxis->setRange(std::max(0.0, xMin - xPad), xMax + xPad);
    const double pad = std::max(1e-3, (yMax - yMin) * 0.08);
    plot_->yAxis->setRange(yMin - pad, yMax + pad * 4); // room for the legend
    plot_->replot();
}

} // namespace dqui
