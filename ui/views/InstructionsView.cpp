#include "views/InstructionsView.h"

#include "common/Format.h"
#include "pipeline/InstructionRecords.h"
#include "text/TextPipeline.h"
#include "views/InstructionFilterModel.h"
#include "views/InstructionTableModel.h"
#include "views/ScatterView.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <filesystem>

namespace dqui {

InstructionsView::InstructionsView(QWidget* parent) : QWidget(parent)
{
    model_ = new InstructionTableModel(this);
    filter_ = new InstructionFilterModel(this);
    filter_->setRecordModel(model_);

    summary_ = new QLabel(this);
    summary_->setObjectName(QStringLiteral("instructionSummary"));
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    searchLabel_ = new QLabel(this);
    search_ = new QLineEdit(this);
    search_->setObjectName(QStringLiteral("instructionSearch"));
    search_->setClearButtonEnabled(true);
    searchLabel_->setBuddy(search_);
    showLabel_ = new QLabel(this);
    show_ = new QComboBox(this);
    show_->addItems({QString(), QString(), QString()});
    count_ = new QLabel(this);
    count_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    searchTimer_ = new QTimer(this);
    searchTimer_->setSingleShot(true);
    searchTimer_->setInterval(200); // one filter pass per pause in typing, not per key

    table_ = new QTableView(this);
    table_->setObjectName(QStringLiteral("instructionTable"));
    table_->setModel(filter_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setWordWrap(false);
    table_->setTextElideMode(Qt::ElideRight);
    table_->setAlternatingRowColors(true);
    // Fixed row heights keep 52,002 rows as cheap as 20: nothing is measured.
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    table_->horizontalHeader()->setSectionResizeMode(InstructionTableModel::Output, QHeaderView::Stretch);
    table_->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // the records' own order
    table_->setSortingEnabled(true);

    scatter_ = new ScatterView(this);
    emptyScatter_ = new QLabel(this);
    emptyScatter_->setAlignment(Qt::AlignCenter);
    emptyScatter_->setWordWrap(true);
    scatterStack_ = new QStackedWidget(this);
    scatterStack_->addWidget(emptyScatter_);
    scatterStack_->addWidget(scatter_);

    search_->setMinimumWidth(180);
    auto* bar = new QHBoxLayout;
    bar->addWidget(searchLabel_);
    bar->addWidget(search_, 1);
    bar->addWidget(showLabel_);
    bar->addWidget(show_);
    bar->addWidget(count_);
    splitter_ = new QSplitter(Qt::Vertical, this);
    splitter_->addWidget(table_);
    splitter_->addWidget(scatterStack_);
    splitter_->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(summary_);
    layout->addLayout(bar);
    layout->addWidget(splitter_, 1);

    connect(search_, &QLineEdit::textChanged, searchTimer_, qOverload<>(&QTimer::start));
    connect(searchTimer_, &QTimer::timeout, this, [this] {
        filter_->setSearch(search_->text());
        updateCount();
    });
    connect(show_, &QComboBox::currentIndexChanged, this, [this](int i) {
        filter_->setKeptFilter(static_cast<InstructionFilterModel::KeptFilter>(std::max(0, i)));
        updateCount();
    });
    connect(scatter_, &ScatterView::selectionChanged, this, &InstructionsView::onScatterSelection);
    connect(scatter_, &ScatterView::sampleActivated, this, &InstructionsView::showRecord);
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &InstructionsView::onRowsSelected);
    retranslate();
}

void InstructionsView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    // Side by side where the table keeps room for its columns beside the scatter's tool
    // bar, else the scatter below the table.
    const Qt::Orientation o = width() >= 1250 ? Qt::Horizontal : Qt::Vertical;
    if (o == splitter_->orientation() && splitterSized_)
        return;
    splitter_->setOrientation(o);
    const int total = o == Qt::Horizontal ? splitter_->width() : splitter_->height();
    splitter_->setSizes({total * 11 / 20, total * 9 / 20});
    splitterSized_ = true;
}

void InstructionsView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void InstructionsView::retranslate()
{
    searchLabel_->setText(tr("&Search:"));
    search_->setPlaceholderText(tr("Words in the instruction, input or output"));
    search_->setToolTip(
        tr("Show only the records whose instruction, input or output holds this text (upper and lower case alike)"));
    showLabel_->setText(tr("Show:"));
    show_->setItemText(0, tr("all records"));
    show_->setItemText(1, tr("kept records"));
    show_->setItemText(2, tr("records not kept"));
    show_->setToolTip(tr("All records, those the sample keeps, or those it leaves out"));
    emptyScatter_->setText(
        tr("Run the Features stage: every record then appears here as a point, and similar records lie close together."));
    table_->setToolTip(tr("Select records to light them up in the scatter; sort by a column with a click on its header."));
    model_->retranslate();
    updateSummary();
    updateCount();
}

void InstructionsView::setResults(DatasetPtr dataset, FeaturesPtr features, BinsPtr bins, SamplePtr sample)
{
    if (!dataset || !dataset->instructions)
        dataset.reset();
    const qint64 rows = dataset ? dataset->size() : 0;
    if (!dataset || (features && features->rows != rows) || (features && !features->embeddings))
        features.reset();
    if (!features || (bins && static_cast<qint64>(bins->binOf.size()) != rows))
        bins.reset();
    if (!bins || (sample && static_cast<qint64>(sample->selected.size()) != rows))
        sample.reset();
    if (dataset != dataset_) {
        const QSignalBlocker block(search_);
        searchTimer_->stop();
        search_->clear();
        filter_->setSearch(QString());
        show_->setCurrentIndex(0);
        picked_.clear();
        model_->setRecords(dataset ? dataset->instructions : nullptr);
        table_->setColumnWidth(InstructionTableModel::Instruction, 260);
        table_->setColumnWidth(InstructionTableModel::Input, 150);
        table_->setColumnWidth(InstructionTableModel::Output, 260);
        table_->setColumnWidth(InstructionTableModel::Bin, 56);
        table_->setColumnWidth(InstructionTableModel::Selected, 80);
    }
    dataset_ = std::move(dataset);
    features_ = std::move(features);
    bins_ = std::move(bins);
    sample_ = std::move(sample);
    model_->setBins(bins_ ? bins_->binOf : std::vector<int>());
    model_->setSelected(sample_ ? sample_->selected : std::vector<char>());
    if (!sample_)
        show_->setCurrentIndex(0);
    show_->setEnabled(sample_ != nullptr);
    const QVector<qint64> picked = picked_;
    scatter_->setResults(features_, bins_, sample_, {});
    if (!picked.isEmpty() && scatter_->selection().isEmpty())
        onScatterSelection({}); // new points: the old pick is gone
    scatterStack_->setCurrentWidget(features_ ? static_cast<QWidget*>(scatter_) : emptyScatter_);
    updateSummary();
    updateCount();
}

void InstructionsView::updateSummary()
{
    if (!dataset_) {
        summary_->setText(
            tr("Open instruction data (Alpaca-style JSON or JSON Lines) from the Dataset panel to see its records here."));
        summary_->setToolTip(QString());
        return;
    }
    const dq::InstructionDataset& d = dataset_->instructions->data();
    QStringList lines;
    QString first =
        QStringLiteral("<b>%1</b> · ").arg(QString::fromStdString(dataset_->bundle.name).toHtmlEscaped()) +
        (d.format == dq::InstructionFormat::JsonLines ? tr("%1 records, JSON Lines, %2") : tr("%1 records, a JSON list, %2"))
            .arg(Format::count(d.size()), Format::bytes(double(d.bytes)));
    if (!d.warnings.empty())
        first += QStringLiteral(" · <span style='color:#b26a00'>") + tr("%1 warnings while reading").arg(d.warnings.size()) +
                 QStringLiteral("</span>");
    lines << first;
    if (features_) {
        const dq::TextEmbeddings& e = *features_->embeddings;
        QString line =
            e.kind == dq::TextEmbeddingKind::Tfidf
                ? tr("Embeddings: TF-IDF of words and word pairs, %1 dimensions").arg(e.dim)
                : tr("Embeddings: %1, %2 dimensions")
                      .arg(QString::fromStdString(std::filesystem::path(e.source).filename().string()).toHtmlEscaped())
                      .arg(e.dim);
        if (e.fromCache)
            line += QStringLiteral(" ") + tr("(from the cache)");
        lines << line;
    } else {
        lines << tr("Run the Features stage to embed the records: TF-IDF, or the .npy file opened with them.");
    }
    if (bins_ && bins_->text) {
        const qint64 perBin = bins_->bins.empty() ? 0 : qint64(bins_->bins.front().size());
        QString line =
            tr("%1 bins of %2 records, by GraphCut on the dot product").arg(bins_->bins.size()).arg(Format::count(perBin));
        if (bins_->text->unassigned > 0)
            line += QStringLiteral("; ") + tr("%1 left over in no bin").arg(Format::count(bins_->text->unassigned));
        lines << line;
    }
    if (sample_) {
        qint64 keptBytes = 0;
        for (std::int64_t i : sample_->result.indices)
            keptBytes += static_cast<qint64>(d.raw[static_cast<std::size_t>(i)].size());
        lines << tr("Kept %1 of %2 records (%3): %4 of record text")
                     .arg(Format::count(qint64(sample_->result.indices.size())), Format::count(d.size()),
                          Format::percent(double(sample_->result.indices.size()) / double(d.size())),
                          Format::bytes(double(keptBytes)));
    }
    summary_->setText(lines.join(QStringLiteral("<br>")));
    QStringList warnings;
    for (std::size_t i = 0; i < std::min<std::size_t>(20, d.warnings.size()); ++i)
        warnings << QString::fromStdString(d.warnings[i].text).toHtmlEscaped();
    summary_->setToolTip(warnings.isEmpty() ? QString() : QStringLiteral("<qt>") + warnings.join(QStringLiteral("<br>")));
}

void InstructionsView::updateCount()
{
    QString text = tr("%1 of %2 records").arg(Format::count(filter_->rowCount()), Format::count(model_->rowCount()));
    if (!picked_.isEmpty())
        text += QStringLiteral(" · ") + tr("%1 picked in the scatter").arg(Format::count(picked_.size()));
    count_->setText(text);
}

QString InstructionsView::summaryText() const { return summary_->text(); }
QString InstructionsView::countText() const { return count_->text(); }

void InstructionsView::onScatterSelection(const QVector<qint64>& records)
{
    picked_ = records;
    syncing_ = true; // the rows leaving the table are no selection of the user's
    table_->clearSelection();
    filter_->setRestriction(records);
    syncing_ = false;
    updateCount();
}

void InstructionsView::onRowsSelected()
{
    if (syncing_)
        return;
    QVector<qint64> records;
    for (const QModelIndex& i : table_->selectionModel()->selectedRows())
        records.push_back(filter_->mapToSource(i).row());
    // Nothing selected: the scatter shows the pick again.
    scatter_->setSelection(records.isEmpty() ? picked_ : records);
}

void InstructionsView::showRecord(qint64 record)
{
    if (record < 0 || record >= model_->rowCount())
        return;
    QModelIndex row = filter_->mapFromSource(model_->index(static_cast<int>(record), 0));
    if (!row.isValid()) {
        searchTimer_->stop();
        {
            const QSignalBlocker block(search_);
            search_->clear();
        }
        filter_->setSearch(QString());
        show_->setCurrentIndex(0);
        if (!picked_.contains(record)) {
            scatter_->setSelection({});
            onScatterSelection({});
        }
        row = filter_->mapFromSource(model_->index(static_cast<int>(record), 0));
    }
    table_->selectionModel()->select(row, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table_->selectionModel()->setCurrentIndex(row, QItemSelectionModel::NoUpdate);
    table_->scrollTo(row, QAbstractItemView::PositionAtCenter);
    updateCount();
}

} // namespace dqui
