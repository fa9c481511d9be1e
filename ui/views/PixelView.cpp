#include "views/PixelView.h"

#include "common/Format.h"
#include "datasets/Dataset.h"
#include "pipeline/Job.h"
#include "pipeline/PixelStage.h"
#include "pixel/PixelSession.h"
#include "views/HeatmapLegend.h"
#include "views/PatchPanel.h"
#include "views/PixelPreviewer.h"
#include "views/ThumbnailCache.h"

#include <QDoubleSpinBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QTextDocumentFragment>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace dqui {
namespace {

constexpr int kSteps = 100; // the slider moves in hundredths of the mask ratio

QLabel* wrapped(QWidget* parent, const char* name)
{
    auto* l = new QLabel(parent);
    l->setObjectName(QLatin1String(name));
    l->setWordWrap(true);
    l->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    return l;
}

} // namespace

PixelView::PixelView(QWidget* parent) : QWidget(parent), previewer_(new PixelPreviewer(this))
{
    header_ = new QLabel(this);
    header_->setObjectName(QStringLiteral("pixelHeader"));
    header_->setTextFormat(Qt::RichText);
    previous_ = new QToolButton(this);
    previous_->setArrowType(Qt::LeftArrow);
    next_ = new QToolButton(this);
    next_->setArrowType(Qt::RightArrow);
    indexBox_ = new QSpinBox(this);
    indexBox_->setObjectName(QStringLiteral("pixelSample"));
    indexBox_->setGroupSeparatorShown(true);
    indexBox_->setRange(0, 0);
    auto* top = new QHBoxLayout;
    top->addWidget(header_, 1);
    top->addWidget(previous_);
    top->addWidget(indexBox_);
    top->addWidget(next_);

    maskLabel_ = new QLabel(this);
    slider_ = new QSlider(Qt::Horizontal, this);
    slider_->setObjectName(QStringLiteral("pixelMaskSlider"));
    slider_->setRange(0, 95);
    slider_->setPageStep(5);
    mask_ = new QDoubleSpinBox(this);
    mask_->setDecimals(2);
    mask_->setRange(0.0, 0.95);
    mask_->setSingleStep(0.05);
    maskReadout_ = new QLabel(this);
    maskReadout_->setObjectName(QStringLiteral("pixelMaskReadout"));
    maskReadout_->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('0')) * 22);
    useMask_ = new QPushButton(this);
    auto* maskRow = new QHBoxLayout;
    maskRow->addWidget(maskLabel_);
    maskRow->addWidget(slider_, 1);
    maskRow->addWidget(mask_);
    maskRow->addWidget(maskReadout_);
    maskRow->addWidget(useMask_);

    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(14);
    for (int i = 0; i < 4; ++i) {
        titles_[i] = wrapped(this, "pixelTitle");
        panels_[i] = new PatchPanel(this);
        captions_[i] = wrapped(this, "pixelCaption");
        grid->addWidget(titles_[i], 0, i);
        grid->addWidget(captions_[i], 3, i);
        captions_[i]->setMinimumHeight(fontMetrics().height() * 2 + 4);
        grid->setColumnStretch(i, 1);
    }
    // The heatmap's colour scale under it, so that all four images keep the same size.
    legend_ = new HeatmapLegend(this);
    legendTitle_ = new QLabel(this);
    auto* legendRow = new QHBoxLayout;
    legendRow->setContentsMargins(0, 0, 0, 0);
    legendRow->addWidget(legendTitle_);
    legendRow->addWidget(legend_, 1);
    for (int i = 0; i < 4; ++i)
        grid->addWidget(panels_[i], 1, i);
    grid->addLayout(legendRow, 2, 1);

    hint_ = new QLabel(this);
    hint_->setObjectName(QStringLiteral("pixelHint"));
    hint_->setWordWrap(true);
    progress_ = new QProgressBar(this);
    progress_->setMaximumWidth(260);
    cancelBuild_ = new QPushButton(this);
    auto* hintRow = new QHBoxLayout;
    hintRow->addWidget(hint_, 1);
    hintRow->addWidget(progress_);
    hintRow->addWidget(cancelBuild_);
    timing_ = new QLabel(this);
    timing_->setStyleSheet(QStringLiteral("color: #666"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(maskRow);
    layout->addSpacing(6);
    layout->addLayout(grid);
    layout->addSpacing(6);
    layout->addLayout(hintRow);
    layout->addWidget(timing_);
    layout->addStretch(1); // room left over goes below, not between the images and their captions

    connect(slider_, &QSlider::valueChanged, this, [this](int v) {
        if (std::lround(mask_->value() * kSteps) != v)
            mask_->setValue(v / double(kSteps));
    });
    connect(mask_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        {
            const QSignalBlocker block(slider_);
            slider_->setValue(static_cast<int>(std::lround(v * kSteps)));
        }
        requestPreview();
    });
    connect(indexBox_, &QSpinBox::valueChanged, this, [this](int v) {
        index_ = v;
        chosen_ = true;
        updateHeader();
        showOriginal();
        requestPreview();
    });
    connect(previous_, &QToolButton::clicked, this, [this] { stepKept(-1); });
    connect(next_, &QToolButton::clicked, this, [this] { stepKept(+1); });
    connect(useMask_, &QPushButton::clicked, this, [this] { emit maskRatioChosen(maskRatio()); });
    connect(cancelBuild_, &QPushButton::clicked, this, &PixelView::cancelWork);
    connect(previewer_, &PixelPreviewer::buildingChanged, this, &PixelView::workingChanged);
    connect(previewer_, &PixelPreviewer::sessionReady, this, [this] {
        updateHint();
        requestPreview();
    });
    connect(previewer_, &PixelPreviewer::buildProgress, this, &PixelView::onBuildProgress);
    connect(previewer_, &PixelPreviewer::buildFailed, this, [this](const QString& m) {
        failedKey_ = previewer_->key();
        failure_ = tr("The preview could not be prepared: %1").arg(m);
        updateHint();
    });
    connect(previewer_, &PixelPreviewer::previewReady, this, &PixelView::showPreview);
    connect(previewer_, &PixelPreviewer::previewFailed, this, [this](const QString& m) {
        // Not the previous image under the new index: nothing, and why.
        previewFailure_ = tr("The preview failed: %1").arg(m);
        for (PatchPanel* p : panels_)
            p->clear();
        for (QLabel* c : captions_)
            c->clear();
        updateHint();
    });
    setMaskRatio(StudioParameters().maskRatio);
    retranslate();
}

PixelView::~PixelView() = default;

void PixelView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void PixelView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    // Opening the view again tries again after a cancelled or failed preparation.
    failedKey_.clear();
    ensureSession();
    requestPreview();
    updateHint();
}

void PixelView::retranslate()
{
    previous_->setToolTip(tr("The previous kept image"));
    next_->setToolTip(tr("The next kept image"));
    indexBox_->setToolTip(tr("The image shown (its index in the dataset); a click in the scatter or the grid shows "
                             "that image here"));
    maskLabel_->setText(tr("Mask ratio"));
    const QString maskTip = tr("The share of patches dropped from this image: the preview follows the slider at once. "
                               "The Pixels stage uses the ratio in the parameters panel.");
    for (QWidget* w : std::initializer_list<QWidget*>{maskLabel_, slider_, mask_})
        w->setToolTip(maskTip);
    useMask_->setText(tr("Use for all images"));
    useMask_->setToolTip(tr("Set this mask ratio in the parameters panel, for the Pixels stage"));
    cancelBuild_->setText(tr("Cancel"));
    titles_[Original]->setText(tr("<b>Original</b>"));
    titles_[Heatmap]->setText(tr("<b>Where the model looks</b>"));
    titles_[Kept]->setText(tr("<b>Kept patches</b>"));
    titles_[Reconstruction]->setText(tr("<b>Painted back</b>"));
    legendTitle_->setText(tr("importance"));
    legend_->setToolTip(tr("Heatmap colours: blue (0) the network ignored, red (1) it looked at most"));
    updateHeader();
    updateHint();
    showPreview();
}

void PixelView::setContext(DatasetPtr dataset, BinsPtr bins, SamplePtr sample, PixelPtr pixel,
                           const StudioParameters& params, const std::filesystem::path& cacheDir)
{
    const bool newData = dataset != dataset_;
    dataset_ = std::move(dataset);
    bins_ = std::move(bins);
    sample_ = std::move(sample);
    pixel_ = std::move(pixel);
    params_ = params;
    cacheDir_ = cacheDir;
    if (newData) {
        previewer_->reset();
        index_ = -1;
        chosen_ = false;
        failedKey_.clear();
        failure_.clear();
        for (PatchPanel* p : panels_)
            p->clear();
    }
    if (params.maskRatio != paramsMask_) {
        paramsMask_ = params.maskRatio;
        setMaskRatio(params.maskRatio);
    }
    const qint64 size = dataset_ ? dataset_->size() : 0;
    {
        const QSignalBlocker block(indexBox_);
        indexBox_->setRange(0, static_cast<int>(std::max<qint64>(0, size - 1)));
        if (!chosen_ || index_ < 0 || index_ >= size)
            index_ = sample_ && !sample_->result.indices.empty() ? sample_->result.indices.front() : (size ? 0 : -1);
        indexBox_->setValue(static_cast<int>(std::max<qint64>(0, index_)));
    }
    const bool applies = PixelStage::applies(dataset_.get());
    for (QWidget* w : std::initializer_list<QWidget*>{indexBox_, previous_, next_, slider_, mask_, useMask_})
        w->setEnabled(applies);
    ensureSession();
    showOriginal();
    requestPreview();
    updateHeader();
    updateHint();
}

void PixelView::setPipelineBusy(bool busy)
{
    busy_ = busy;
    if (busy)
        previewer_->cancelBuild(); // not a failure: it starts again when the stage ends
    else
        ensureSession();
    updateHint();
}

bool PixelView::isWorking() const { return previewer_->isBuilding(); }

void PixelView::cancelWork()
{
    // Also a preparation that would start when the running stage ends: the user said stop.
    if (previewer_->hasSession() || !PixelStage::applies(dataset_.get()))
        return;
    failedKey_ = params_.pixelSessionKey(dataset_->key);
    failure_ = tr("Cancelled. Run the Pixels stage, or open this view again, to prepare the preview.");
    previewer_->cancelBuild();
    updateHint();
}

void PixelView::setSample(qint64 index)
{
    if (!dataset_ || index < 0 || index >= dataset_->size())
        return;
    chosen_ = true;
    if (index == index_)
        return;
    indexBox_->setValue(static_cast<int>(index)); // updates and requests through valueChanged
}

void PixelView::setMaskRatio(double maskRatio) { mask_->setValue(maskRatio); }
double PixelView::maskRatio() const { return mask_->value(); }

QString PixelView::caption(Panel p) const { return captions_[p]->text(); }
QString PixelView::hintText() const { return hint_->text(); }

std::shared_ptr<const dq::PixelPreview> PixelView::preview() const
{
    const auto l = previewer_->latest();
    return l ? l->preview : nullptr;
}

QImage PixelView::renderFigure() const
{
    const auto l = previewer_->latest();
    if (!l)
        return {};
    constexpr int side = 224, column = 250, margin = 16;
    const QFontMetrics fm(font());
    const int titleHeight = fm.height() + 8, captionHeight = fm.height() * 3 + 8;
    HeatmapLegend legend;
    const int legendHeight = legend.sizeHint().height() + 6;
    QImage figure(margin * 2 + column * 4, margin * 2 + titleHeight + side + legendHeight + captionHeight,
                  QImage::Format_RGB32);
    figure.fill(Qt::white);
    QPainter p(&figure);
    p.setFont(font());
    const QImage images[] = {l->original, l->heatmap, l->kept, l->reconstruction};
    for (int i = 0; i < 4; ++i) {
        const int x = margin + column * i;
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.setPen(Qt::black);
        p.drawText(QRect(x, margin, column - 10, titleHeight), Qt::AlignHCenter | Qt::AlignVCenter,
                   QTextDocumentFragment::fromHtml(titles_[i]->text()).toPlainText());
        p.setFont(font());
        PatchPanel panel;
        panel.setImage(images[i]);
        if (i == Kept)
            panel.setGrid(l->preview->grid.rows, l->preview->grid.cols, [&] {
                std::vector<int> dropped;
                const auto& kept = l->preview->keptIds;
                for (int id = 0; id < l->preview->grid.count(); ++id)
                    if (!std::binary_search(kept.begin(), kept.end(), id))
                        dropped.push_back(id);
                return dropped;
            }());
        panel.resize(side + 4, side + 4);
        panel.render(&p, QPoint(x + (column - 10 - side - 4) / 2, margin + titleHeight));
        const int below = margin + titleHeight + side + 8;
        if (i == Heatmap && !l->preview->camMap.empty()) {
            legend.resize(side, legend.sizeHint().height());
            legend.render(&p, QPoint(x + (column - 10 - side) / 2, below));
        }
        p.setPen(QColor(60, 60, 60));
        p.drawText(QRect(x, below + legendHeight, column - 10, captionHeight), Qt::AlignHCenter | Qt::TextWordWrap,
                   captions_[i]->text());
    }
    return figure;
}

void PixelView::ensureSession()
{
    const auto forget = [this] {
        // The previews on show followed other parameters: take them down too.
        if (!previewer_->key().isEmpty() || previewer_->latest())
            for (PatchPanel* p : panels_)
                p->clear();
        previewer_->reset();
        showPreview();
        showOriginal();
    };
    if (!PixelStage::applies(dataset_.get())) {
        forget();
        return;
    }
    const QString key = params_.pixelSessionKey(dataset_->key);
    if (pixel_ && pixel_->session && pixel_->sessionKey == key) {
        previewer_->adopt(pixel_->session, key);
        return;
    }
    if (previewer_->key() != key)
        forget();
    if (previewer_->hasSession() || previewer_->isBuilding() || !isVisible() || busy_ || failedKey_ == key)
        return;
    failure_.clear();
    progressText_.clear();
    previewer_->build(dataset_->bundle.train, PixelStage::params(*dataset_, params_, cacheDir_), key);
}

void PixelView::requestPreview()
{
    const auto session = previewer_->session();
    if (session) {
        const int patches = session->grid().count();
        maskReadout_->setText(tr("keeps %1 of %2 patches").arg(dq::keptPatchCount(patches, maskRatio())).arg(patches));
    } else {
        maskReadout_->clear();
    }
    if (!session || !dataset_ || index_ < 0 || index_ >= dataset_->size())
        return;
    previewer_->request(index_, maskRatio());
}

QString PixelView::reconName() const
{
    const QString r = params_.recon;
    if (r.startsWith(QLatin1String("inpaint:ns")))
        return tr("Inpainting (Navier-Stokes)");
    if (r.startsWith(QLatin1String("inpaint")))
        return tr("Inpainting (Telea)");
    if (r == QLatin1String("mae-compact"))
        return tr("Compact MAE");
    return tr("MAE checkpoint");
}

void PixelView::showPreview()
{
    if (!previewFailure_.isEmpty()) {
        previewFailure_.clear();
        updateHint();
    }
    const auto l = previewer_->latest();
    if (!l || !dataset_) {
        for (QLabel* c : captions_)
            c->clear();
        legend_->setVisible(true);
        timing_->clear();
        return;
    }
    const dq::PixelPreview& p = *l->preview;
    const QStringList names = classNames(dataset_.get());
    const auto name = [&](int c) { return c >= 0 && c < names.size() ? names[c] : tr("unlabelled"); };
    panels_[Original]->setImage(l->original);
    panels_[Heatmap]->setImage(l->heatmap);
    panels_[Kept]->setImage(l->kept);
    panels_[Reconstruction]->setImage(l->reconstruction);
    std::vector<int> dropped;
    for (int id = 0, k = 0; id < p.grid.count(); ++id) {
        if (k < static_cast<int>(p.keptIds.size()) && p.keptIds[static_cast<std::size_t>(k)] == id)
            ++k;
        else
            dropped.push_back(id);
    }
    panels_[Kept]->setGrid(p.grid.rows, p.grid.cols, std::move(dropped));

    captions_[Original]->setText(tr("Class: %1").arg(name(p.label)));
    const bool random = p.camMap.empty();
    legend_->setVisible(!random);
    legendTitle_->setVisible(!random);
    if (random) {
        captions_[Heatmap]->setText(tr("Random scores: no heatmap; patches are kept by chance."));
    } else {
        const QString method = params_.cam == QLatin1String("gradcam") ? tr("GradCAM") : tr("GradCAM++");
        captions_[Heatmap]->setText(
            params_.camTarget == QLatin1String("label")
                ? tr("%1 for the true label. The network predicts: %2").arg(method, name(p.predicted))
                : tr("%1 for what the network predicts: %2").arg(method, name(p.predicted)));
    }
    const int kept = static_cast<int>(p.keptIds.size());
    captions_[Kept]->setText(tr("%1 of %2 patches kept (%3); hatched: dropped")
                                 .arg(kept)
                                 .arg(p.grid.count())
                                 .arg(Format::percent(p.grid.count() ? double(kept) / p.grid.count() : 0.0, 0)));
    const QString psnr = std::isfinite(p.psnr) ? QLocale().toString(p.psnr, 'f', 1) : QStringLiteral("∞");
    // SSIM needs its 11 x 11 window: none for smaller images.
    const QString ssim = std::isnan(p.ssim) ? QStringLiteral("–") : QLocale().toString(p.ssim, 'f', 3);
    captions_[Reconstruction]->setText(tr("%1: PSNR %2 dB, SSIM %3").arg(reconName(), psnr, ssim));
    timing_->setText(tr("Mask ratio %1: computed in %2 ms on a worker thread.")
                         .arg(QLocale().toString(p.maskRatio, 'f', 2))
                         .arg(std::lround(p.seconds * 1000)));
}

void PixelView::showOriginal()
{
    const auto l = previewer_->latest();
    if (l && l->preview->index == index_)
        return; // the preview's own original is on show
    if (!PixelStage::applies(dataset_.get()) || index_ < 0 || index_ >= dataset_->size())
        return;
    // One image, already in memory or one small file: cheap enough for the GUI thread.
    try {
        panels_[Original]->setImage(ThumbnailCache::toQImage(dataset_->train().image(index_)));
    } catch (const std::exception&) {
        panels_[Original]->clear(); // the preview reports why
    }
}

void PixelView::updateHeader()
{
    if (!dataset_ || index_ < 0) {
        header_->setText(tr("<b>Pixels</b>"));
        return;
    }
    QString h = tr("<b>Image %1</b> of %2").arg(Format::count(index_), Format::count(dataset_->size()));
    const QStringList names = classNames(dataset_.get());
    const int label =
        index_ < static_cast<qint64>(dataset_->labels.size()) ? dataset_->labels[static_cast<std::size_t>(index_)] : -1;
    if (label >= 0 && label < names.size())
        h += QStringLiteral(" · ") + names[label].toHtmlEscaped();
    if (bins_ && index_ < static_cast<qint64>(bins_->binOf.size()) && bins_->binOf[static_cast<std::size_t>(index_)] >= 0)
        h += QStringLiteral(" · ") + tr("bin %1").arg(bins_->binOf[static_cast<std::size_t>(index_)]);
    if (sample_ && index_ < static_cast<qint64>(sample_->selected.size()))
        h += QStringLiteral(" · ") +
             (sample_->selected[static_cast<std::size_t>(index_)] ? tr("kept by the sample") : tr("not kept by the sample"));
    header_->setText(h);
}

void PixelView::updateHint()
{
    const bool building = previewer_->isBuilding();
    progress_->setVisible(building);
    cancelBuild_->setVisible(building);
    QString text;
    if (!dataset_) {
        text = tr("Open a dataset of images: this view shows how one image loses its least telling patches and how "
                  "a model paints them back.");
    } else if (const QString why = PixelStage::unavailableReason(dataset_.get()); !why.isEmpty()) {
        text = why;
    } else if (building) {
        text = tr("Preparing the preview: the network behind the heatmap and the reconstruction model are trained "
                  "or loaded (a few minutes the first time, then they are cached).");
        if (!progressText_.isEmpty())
            text += QStringLiteral(" ") + progressText_;
    } else if (!failure_.isEmpty() && failedKey_ == params_.pixelSessionKey(dataset_->key)) {
        text = failure_;
    } else if (!previewFailure_.isEmpty() && previewer_->hasSession()) {
        text = previewFailure_;
    } else if (!previewer_->hasSession()) {
        text = busy_ ? tr("The preview starts when the running stage has finished.")
                     : tr("Run the Pixels stage, or keep this view open, to prepare the preview.");
    } else {
        text = tr("Move the slider: the hatched patches are dropped, and the model paints them back from the kept "
                  "ones. A click on an image in the scatter or the grid shows it here.");
    }
    hint_->setText(text);
}

void PixelView::onBuildProgress(const JobProgress& p)
{
    if (p.total > 0) {
        progress_->setRange(0, 1000);
        progress_->setValue(static_cast<int>(1000 * p.done / p.total));
    } else {
        progress_->setRange(0, 0);
    }
    if (p.stage == QLatin1String("training"))
        progressText_ = tr("Training the network behind the heatmap…");
    else if (p.stage == QLatin1String("mae training"))
        progressText_ = tr("Training the compact MAE…");
    else
        progressText_ = tr("Loading the models…");
    updateHint();
}

void PixelView::stepKept(int direction)
{
    if (!dataset_ || dataset_->size() == 0)
        return;
    qint64 target = index_ + direction;
    if (sample_ && !sample_->result.indices.empty()) {
        std::vector<std::int64_t> kept = sample_->result.indices;
        std::sort(kept.begin(), kept.end());
        if (direction > 0) {
            const auto it = std::upper_bound(kept.begin(), kept.end(), index_);
            target = it == kept.end() ? kept.front() : *it;
        } else {
            const auto it = std::lower_bound(kept.begin(), kept.end(), index_);
            target = it == kept.begin() ? kept.back() : *(it - 1);
        }
    }
    setSample(std::clamp<qint64>(target, 0, dataset_->size() - 1));
}

} // namespace dqui
