#include "views/DatasetView.h"

#include "common/Format.h"
#include "views/ClassHistogram.h"
#include "views/ThumbnailCache.h"
#include "views/ThumbnailDelegate.h"
#include "views/ThumbnailModel.h"

#include <QEvent>
#include <QLabel>
#include <QListView>
#include <QSplitter>
#include <QVBoxLayout>

namespace dqui {

DatasetView::DatasetView(ThumbnailCache* cache, QWidget* parent) : QWidget(parent)
{
    summary_ = new QLabel(this);
    summary_->setWordWrap(true);
    summary_->setTextFormat(Qt::RichText);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    histogram_ = new ClassHistogram(this);
    model_ = new ThumbnailModel(cache, this);
    grid_ = new QListView(this);
    grid_->setViewMode(QListView::IconMode);
    grid_->setMovement(QListView::Static);
    grid_->setResizeMode(QListView::Adjust);
    grid_->setUniformItemSizes(true);
    (new ThumbnailDelegate(cache->side(), grid_))->fill(grid_); // cells spread over the whole width
    grid_->setModel(model_);
    connect(grid_, &QListView::activated, this,
            [this](const QModelIndex& i) { emit sampleActivated(model_->sampleAt(i.row())); });

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(histogram_);
    split->addWidget(grid_);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(summary_);
    layout->addWidget(split, 1);
    retranslate();
}

void DatasetView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void DatasetView::setResults(DatasetPtr dataset, SamplePtr sample)
{
    const bool newData = dataset != dataset_;
    dataset_ = std::move(dataset);
    sample_ = std::move(sample);
    if (newData) {
        if (dataset_)
            model_->setSamples(dataset_->size(), dataset_->labels, {}, {}, classNames(dataset_.get()));
        else
            model_->setSamples(0, {}, {}, {}, {});
    }
    retranslate();
}

void DatasetView::retranslate()
{
    if (!dataset_) {
        summary_->setText(tr(
            "No dataset is open. Open Fashion-MNIST with one click, or a folder of your own, from the panel on the left."));
        histogram_->setCounts({}, {});
        return;
    }
    const dq::DatasetBundle& b = dataset_->bundle;
    const dq::ImageShape shape = b.train->imageShape();
    QString html = QStringLiteral("<b>%1</b> <span style='color:#666'>(%2)</span><br>")
                       .arg(QString::fromStdString(b.name).toHtmlEscaped(), dataset_->spec.toHtmlEscaped());
    html += tr("Training split: %1 images").arg(Format::count(b.train->size()));
    if (b.test)
        html += QStringLiteral(" · ") + tr("test split: %1 images").arg(Format::count(b.test->size()));
    html += QStringLiteral("<br>");
    if (dataset_->images)
        html += tr("Images of %1 × %2 pixels, %3 channel(s)%4")
                    .arg(shape.width)
                    .arg(shape.height)
                    .arg(shape.channels)
                    .arg(b.train->fixedShape() ? QString() : tr(" (sizes differ; this is the first image's)"));
    else
        html += tr("Precomputed features of %1 numbers per sample").arg(shape.channels);
    html += QStringLiteral(" · ") + tr("%1 classes").arg(b.train->classCount());
    summary_->setText(html);

    std::vector<std::int64_t> kept;
    if (sample_ && !dataset_->classCounts.empty()) {
        kept.assign(dataset_->classCounts.size(), 0);
        for (std::int64_t i : sample_->result.indices) {
            const int l =
                i < static_cast<std::int64_t>(dataset_->labels.size()) ? dataset_->labels[static_cast<std::size_t>(i)] : -1;
            if (l >= 0 && l < static_cast<int>(kept.size()))
                ++kept[static_cast<std::size_t>(l)];
        }
    }
    histogram_->setCounts(classNames(dataset_.get()), dataset_->classCounts, kept);
}

} // namespace dqui
