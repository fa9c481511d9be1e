#include "views/ComparisonView.h"

#include "common/Palette.h"
#include "pipeline/ComparisonMethods.h"
#include "pipeline/ComparisonTable.h"
#include "pipeline/EvaluationText.h"
#include "views/CompareChoices.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace dqui {
namespace {

// A method keeps its colour whichever others are chosen.
QColor colorOf(const QString& method)
{
    return Palette::category(std::max(0, static_cast<int>(ComparisonMethods::all().indexOf(method))));
}

} // namespace

ComparisonView::ComparisonView(QWidget* parent) : QWidget(parent)
{
    choices_ = new CompareChoices(this);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    status_->setObjectName(QStringLiteral("comparisonStatus"));
    headline_ = new QLabel(this);
    headline_->setWordWrap(true);
    headline_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    plot_ = new QCustomPlot(this);
    plot_->setMinimumHeight(240);
    plot_->setInteractions(QCP::Interactions());
    plot_->legend->setVisible(true);
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    table_ = new QTableWidget(this);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->setVisible(false);
    table_->horizontalHeader()->setStretchLastSection(false);
    keptLabel_ = new QLabel(this);
    keptBy_ = new QComboBox(this);
    keptBy_->setObjectName(QStringLiteral("keptBy"));
    keptBy_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    atLabel_ = new QLabel(this);
    keptRatio_ = new QComboBox(this);
    keptRatio_->setObjectName(QStringLiteral("keptRatio"));
    connect(keptBy_, &QComboBox::currentIndexChanged, this, [this] { updateKept(); });
    connect(keptRatio_, &QComboBox::currentIndexChanged, this, [this] { updateKept(); });

    auto* kept = new QHBoxLayout;
    kept->addWidget(keptLabel_);
    kept->addWidget(keptBy_);
    kept->addWidget(atLabel_);
    kept->addWidget(keptRatio_);
    kept->addStretch(1);
    auto* results = new QVBoxLayout;
    results->addWidget(status_);
    results->addWidget(headline_);
    results->addWidget(plot_, 1);
    results->addWidget(table_);
    results->addLayout(kept);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(choices_, 0, Qt::AlignTop);
    layout->addLayout(results, 1);
    rebuild();
}

void ComparisonView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        rebuild();
    QWidget::changeEvent(event);
}

void ComparisonView::setComparison(ComparisonPtr comparison, bool current)
{
    const bool changed = comparison != comparison_;
    comparison_ = std::move(comparison);
    current_ = current;
    rebuild();
    if (changed)
        updateKept();
}

void ComparisonView::setRunning(bool running, bool pipelineBusy)
{
    running_ = running;
    choices_->setRunning(running, pipelineBusy);
    status_->setText(statusText());
}

void ComparisonView::setUnavailable(const QString& reason)
{
    unavailable_ = reason;
    choices_->setUnavailable(reason);
    rebuild();
}

void ComparisonView::setMissingInputs(const QString& text)
{
    missing_ = text;
    status_->setText(statusText());
}

QString ComparisonView::statusText() const
{
    if (!unavailable_.isEmpty())
        return unavailable_;
    if (running_)
        return tr("Comparing: every method selects, then a fresh network trains on each choice for every seed; the "
                  "status bar shows the progress.");
    if (!missing_.isEmpty())
        return missing_;
    if (!comparison_)
        return tr("Choose methods and keep ratios, then run the comparison: every method keeps as many images of "
                  "every class as DQ, and a fresh network trains on each choice. It takes minutes per method and "
                  "ratio on a CPU.");
    if (!current_)
        return tr("These figures belong to other parameters: run the comparison again to update them.");
    return {};
}

QString ComparisonView::headlineText() const { return headline_->text(); }

void ComparisonView::rebuild()
{
    status_->setText(statusText());
    status_->setStyleSheet((!current_ && comparison_ && !running_) || !missing_.isEmpty()
                               ? QStringLiteral("color: #b26a00; font-weight: bold")
                               : QString());
    headline_->setText(comparison_ ? ComparisonTable(comparison_->result).summary() : QString());
    keptLabel_->setText(tr("Show kept by:"));
    keptBy_->setToolTip(tr("Outline the images this method keeps in the Embedding scatter, and offer them in the "
                           "Samples grid (DQ's own kept images stay emphasised there)"));
    atLabel_->setText(tr("at"));
    drawPlot();
    fillTable();
    refillKeptBy();
}

void ComparisonView::drawPlot()
{
    plot_->clearGraphs();
    plot_->clearPlottables();
    QVector<double> ticks;
    QVector<QString> labels;
    if (comparison_) {
        const ComparisonTable t(comparison_->result);
        for (const double r : t.ratios()) {
            ticks << 100.0 * r;
            labels << ComparisonTable::ratioText(r);
        }
        for (const QString& m : t.methods()) {
            QVector<double> x, mean, lower, upper;
            for (const double r : t.ratios())
                if (const dq::SubsetResult* s = t.cell(m, r)) {
                    x << 100.0 * r;
                    mean << 100.0 * s->finalAccuracy.mean;
                    lower << 100.0 * (s->finalAccuracy.mean - s->finalAccuracy.std);
                    upper << 100.0 * (s->finalAccuracy.mean + s->finalAccuracy.std);
                }
            const QColor col = colorOf(m);
            QCPGraph* lo = plot_->addGraph();
            lo->setData(x, lower, true);
            lo->setPen(Qt::NoPen);
            lo->removeFromLegend();
            QCPGraph* hi = plot_->addGraph();
            hi->setData(x, upper, true);
            hi->setPen(Qt::NoPen);
            QColor band = col;
            band.setAlpha(45);
            hi->setBrush(band);
            hi->setChannelFillGraph(lo);
            hi->removeFromLegend();
            QCPGraph* line = plot_->addGraph();
            line->setData(x, mean, true);
            line->setPen(QPen(col, m == QLatin1String("dq") ? 3 : 2));
            line->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
            line->setName(ComparisonMethods::displayName(m));
        }
    }
    // Keep ratios span orders of magnitude (1% to 25%): a log axis spaces them evenly.
    plot_->xAxis->setScaleType(QCPAxis::stLogarithmic);
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    ticker->setTicks(ticks, labels);
    plot_->xAxis->setTicker(ticker);
    plot_->xAxis->setLabel(tr("keep ratio (share of the training set, log scale)"));
    plot_->yAxis->setLabel(tr("final test accuracy (%): mean, band ± std over seeds"));
    bool found = false;
    double lo = 100, hi = 0;
    for (int g = 0; g < plot_->graphCount(); ++g) {
        const QCPRange r = plot_->graph(g)->getValueRange(found);
        if (found) {
            lo = std::min(lo, r.lower);
            hi = std::max(hi, r.upper);
        }
    }
    if (lo > hi) {
        lo = 0;
        hi = 100;
    }
    const double first = ticks.isEmpty() ? 1.0 : ticks.first(), last = ticks.isEmpty() ? 100.0 : ticks.last();
    plot_->xAxis->setRange(first / 1.3, last * 1.3);
    plot_->yAxis->setRange(std::max(0.0, lo - 2), std::min(100.0, hi + 2));
    plot_->legend->setVisible(plot_->graphCount() > 0);
    plot_->replot();
}

void ComparisonView::fillTable()
{
    table_->clear();
    if (!comparison_) {
        table_->setRowCount(0);
        table_->setColumnCount(0);
        return;
    }
    const ComparisonTable t(comparison_->result);
    QStringList head{tr("method")};
    for (const double r : t.ratios())
        head << ComparisonTable::ratioText(r);
    table_->setColumnCount(head.size());
    table_->setHorizontalHeaderLabels(head);
    for (int c = 1; c < head.size(); ++c)
        table_->horizontalHeaderItem(c)->setToolTip(tr("Final-epoch test accuracy at this keep ratio: mean ± standard "
                                                       "deviation over seeds; the best in bold."));
    table_->setRowCount(t.methods().size());
    for (int row = 0; row < t.methods().size(); ++row) {
        const QString m = t.methods()[row];
        auto* name = new QTableWidgetItem(ComparisonMethods::displayName(m));
        name->setToolTip(ComparisonMethods::description(m));
        name->setForeground(colorOf(m));
        table_->setItem(row, 0, name);
        for (std::size_t c = 0; c < t.ratios().size(); ++c) {
            const double r = t.ratios()[c];
            const dq::SubsetResult* s = t.cell(m, r);
            auto* item = new QTableWidgetItem(
                s ? EvaluationText::accuracy(s->finalAccuracy, static_cast<int>(s->runs.size())) : QStringLiteral("-"));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (s) {
                item->setToolTip(tr("%1 images; best epoch %2 (chosen on the test set); %3")
                                     .arg(s->images)
                                     .arg(EvaluationText::accuracy(s->bestAccuracy, static_cast<int>(s->runs.size())),
                                          QString::fromStdString(s->source)));
                if (t.best(r) == m) {
                    QFont bold = item->font();
                    bold.setBold(true);
                    item->setFont(bold);
                }
            }
            table_->setItem(row, static_cast<int>(c) + 1, item);
        }
    }
    table_->resizeColumnsToContents();
    int height = table_->horizontalHeader()->height() + 2 * table_->frameWidth();
    for (int r = 0; r < table_->rowCount(); ++r)
        height += table_->rowHeight(r);
    table_->setFixedHeight(std::min(height, 340));
}

void ComparisonView::refillKeptBy()
{
    const QString method = keptBy_->currentData().toString();
    const double ratio = keptRatio_->currentData().toDouble();
    const QSignalBlocker b1(keptBy_), b2(keptRatio_);
    keptBy_->clear();
    keptRatio_->clear();
    keptBy_->addItem(tr("none"), QString());
    if (comparison_) {
        const ComparisonTable t(comparison_->result);
        for (const QString& m : t.methods())
            if (m != QLatin1String("random")) // drawn anew for every seed: no one set to show
                keptBy_->addItem(ComparisonMethods::displayName(m), m);
        for (const double r : t.ratios())
            keptRatio_->addItem(ComparisonTable::ratioText(r), r);
    }
    keptBy_->setCurrentIndex(std::max(0, keptBy_->findData(method)));
    int ri = 0;
    for (int i = 0; i < keptRatio_->count(); ++i)
        if (std::abs(keptRatio_->itemData(i).toDouble() - ratio) < 1e-12)
            ri = i;
    keptRatio_->setCurrentIndex(ri);
    keptBy_->setEnabled(keptBy_->count() > 1);
    keptRatio_->setEnabled(keptBy_->count() > 1);
}

QString ComparisonView::keptName() const
{
    if (keptIndices_.empty())
        return {};
    return tr("%1 at %2").arg(ComparisonMethods::displayName(keptBy_->currentData().toString()), keptRatio_->currentText());
}

void ComparisonView::updateKept()
{
    std::vector<std::int64_t> next;
    const QString m = keptBy_->currentData().toString();
    if (comparison_ && !m.isEmpty()) {
        const ComparisonTable t(comparison_->result);
        if (const dq::SubsetResult* s = t.cell(m, keptRatio_->currentData().toDouble()))
            next = s->indices;
    }
    keptIndices_ = std::move(next);
    emit keptChosen(keptName(), keptIndices_);
}

} // namespace dqui
