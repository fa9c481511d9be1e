#include "views/SampleGridView.h"

#include "common/Format.h"
#include "views/ThumbnailCache.h"
#include "views/ThumbnailDelegate.h"
#include "views/ThumbnailModel.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace dqui {

SampleGridView::SampleGridView(ThumbnailCache* cache, QWidget* parent) : QWidget(parent)
{
    model_ = new ThumbnailModel(cache, this);
    view_ = new QListView(this);
    view_->setViewMode(QListView::IconMode);
    view_->setMovement(QListView::Static);
    view_->setResizeMode(QListView::Adjust);
    view_->setUniformItemSizes(true);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    (new ThumbnailDelegate(cache->side(), view_))->fill(view_); // cells spread over the whole width
    view_->setModel(model_);
    view_->setSpacing(2);
    connect(view_, &QListView::activated, this,
            [this](const QModelIndex& i) { emit sampleActivated(model_->sampleAt(i.row())); });

    binLabel_ = new QLabel(this);
    classLabel_ = new QLabel(this);
    showLabel_ = new QLabel(this);
    bin_ = new QComboBox(this);
    class_ = new QComboBox(this);
    show_ = new QComboBox(this);
    show_->addItems({QString(), QString(), QString(), QString(), QString(), QString()});
    count_ = new QLabel(this);
    for (QComboBox* c : {bin_, class_, show_})
        connect(c, &QComboBox::currentIndexChanged, this, [this] { applyFilter(); });

    auto* bar = new QHBoxLayout;
    bar->addWidget(showLabel_);
    bar->addWidget(show_);
    bar->addWidget(binLabel_);
    bar->addWidget(bin_);
    bar->addWidget(classLabel_);
    bar->addWidget(class_);
    bar->addStretch(1);
    bar->addWidget(count_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(view_, 1);
    retranslate();
}

void SampleGridView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void SampleGridView::retranslate()
{
    showLabel_->setText(tr("Show:"));
    binLabel_->setText(tr("Bin:"));
    classLabel_->setText(tr("Class:"));
    show_->setItemText(0, tr("all images"));
    show_->setItemText(1, tr("kept images"));
    show_->setItemText(2, tr("images not kept"));
    show_->setItemText(3, tr("the scatter's selection"));
    show_->setToolTip(tr("Which images the grid shows: all, those the sample keeps, those it drops, those you selected in "
                         "the scatter, or those a compared method keeps (chosen in the Compare view)"));
    updateComparedItems();
    bin_->setToolTip(tr("Only the images of one bin"));
    class_->setToolTip(tr("Only the images of one class"));
    refillCombos();
    applyFilter();
}

void SampleGridView::refillCombos()
{
    const QSignalBlocker b1(bin_), b2(class_);
    const int bin = bin_->currentIndex(), cls = class_->currentIndex();
    bin_->clear();
    bin_->addItem(tr("all"));
    if (bins_)
        for (std::size_t b = 0; b < bins_->bins.size(); ++b)
            bin_->addItem(tr("bin %1").arg(b));
    class_->clear();
    class_->addItem(tr("all"));
    class_->addItems(classNames(dataset_.get()));
    bin_->setCurrentIndex(bin >= 0 && bin < bin_->count() ? bin : 0);
    class_->setCurrentIndex(cls >= 0 && cls < class_->count() ? cls : 0);
}

void SampleGridView::setResults(DatasetPtr dataset, FeaturesPtr features, BinsPtr bins, SamplePtr sample)
{
    const bool newData = dataset != dataset_ || bins != bins_;
    dataset_ = std::move(dataset);
    const qint64 rows = features ? features->rows : (dataset_ ? dataset_->size() : 0);
    bins_ = bins && static_cast<qint64>(bins->binOf.size()) == rows ? std::move(bins) : nullptr;
    sample_ = sample && static_cast<qint64>(sample->selected.size()) == rows ? std::move(sample) : nullptr;
    std::vector<int> labels = dataset_ ? dataset_->labels : std::vector<int>();
    labels.resize(static_cast<std::size_t>(rows), -1);
    model_->setSamples(rows, std::move(labels), bins_ ? bins_->binOf : std::vector<int>(),
                       sample_ ? sample_->selected : std::vector<char>(), classNames(dataset_.get()));
    if (newData)
        refillCombos();
    applyFilter();
}

void SampleGridView::setScatterSelection(const QVector<qint64>& indices)
{
    scatterSelection_ = indices;
    applyFilter();
}

void SampleGridView::setComparedKept(const QString& name, const std::vector<std::int64_t>& indices)
{
    comparedName_ = indices.empty() ? QString() : name;
    compared_ = QVector<qint64>(indices.begin(), indices.end());
    updateComparedItems();
    if (compared_.isEmpty() && show_->currentIndex() >= static_cast<int>(Show::Compared))
        show_->setCurrentIndex(0); // applies the filter
    else
        applyFilter();
}

void SampleGridView::updateComparedItems()
{
    const bool has = !compared_.isEmpty();
    const QString name = has ? comparedName_ : tr("a compared method");
    show_->setItemText(static_cast<int>(Show::Compared), tr("kept by %1").arg(name));
    show_->setItemText(static_cast<int>(Show::ComparedNotKept), tr("kept by %1, not by DQ").arg(name));
    // Offered only once the Compare view has chosen a method.
    auto* items = qobject_cast<QStandardItemModel*>(show_->model());
    for (const Show s : {Show::Compared, Show::ComparedNotKept})
        if (QStandardItem* item = items ? items->item(static_cast<int>(s)) : nullptr)
            item->setEnabled(has);
}

void SampleGridView::setShow(Show show) { show_->setCurrentIndex(static_cast<int>(show)); }
void SampleGridView::setBinFilter(int bin) { bin_->setCurrentIndex(bin + 1); }
void SampleGridView::setClassFilter(int cls) { class_->setCurrentIndex(cls + 1); }

void SampleGridView::applyFilter()
{
    const auto show = static_cast<Show>(show_->currentIndex());
    const ThumbnailModel::KeptFilter kept = show == Show::Kept      ? ThumbnailModel::KeptFilter::Kept
                                            : show == Show::NotKept ? ThumbnailModel::KeptFilter::NotKept
                                                                    : ThumbnailModel::KeptFilter::All;
    if (show == Show::Compared || show == Show::ComparedNotKept) {
        QVector<qint64> only;
        for (const qint64 i : compared_)
            if (show == Show::Compared || !sample_ || i >= static_cast<qint64>(sample_->selected.size()) ||
                !sample_->selected[static_cast<std::size_t>(i)])
                only << i;
        model_->setRestriction(only, true);
    } else {
        model_->setRestriction(scatterSelection_, show == Show::ScatterSelection);
    }
    model_->setFilter(bin_->currentIndex() - 1, class_->currentIndex() - 1, kept);
    count_->setText(tr("%1 of %2 images").arg(Format::count(model_->rowCount()), Format::count(model_->totalSamples())));
}

} // namespace dqui
