#include "views/CompositionView.h"

#include "common/Format.h"
#include "common/Palette.h"
#include "views/PlotLegend.h"
#include "views/ThumbnailCache.h"

#include <qcustomplot.h>

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {
constexpr int kThumb = 40; // side of a member thumbnail in the rows
}

namespace dqui {

CompositionView::CompositionView(QWidget* parent) : QWidget(parent)
{
    plot_ = new QCustomPlot(this);
    plot_->setMinimumHeight(220);
    plot_->legend->setVisible(true);
    plot_->legend->setFont(font());
    placeLegendBelow(plot_, 6);
    plot_->yAxis2->setVisible(true);
    plot_->setInteractions(QCP::Interactions());
    summary_ = new QLabel(this);
    summary_->setObjectName(QStringLiteral("binsSummary"));
    summary_->setWordWrap(true);
    rows_ = new QTableWidget(this);
    rows_->setObjectName(QStringLiteral("binRows"));
    rows_->setColumnCount(5);
    rows_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    rows_->setSelectionMode(QAbstractItemView::NoSelection);
    rows_->setIconSize(QSize(kThumb * 12 + 11 * 2, kThumb));
    rows_->verticalHeader()->setVisible(false);
    rows_->verticalHeader()->setDefaultSectionSize(kThumb + 6);
    rows_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    rows_->horizontalHeader()->setStretchLastSection(true);
    auto* page = new QWidget(this);
    auto* pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addWidget(summary_);
    pageLayout->addWidget(plot_, 2);
    pageLayout->addWidget(rows_, 3);
    empty_ = new QLabel(this);
    empty_->setAlignment(Qt::AlignCenter);
    empty_->setWordWrap(true);
    stack_ = new QStackedWidget(this);
    stack_->addWidget(empty_);
    stack_->addWidget(page);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(stack_);
    stripTimer_ = new QTimer(this);
    stripTimer_->setSingleShot(true);
    stripTimer_->setInterval(60);
    connect(stripTimer_, &QTimer::timeout, this, &CompositionView::drawStrips);
    retranslate();
}

void CompositionView::setThumbnails(ThumbnailCache* thumbnails)
{
    thumbnails_ = thumbnails;
    connect(thumbnails_, &ThumbnailCache::ready, this, [this] {
        if (isVisible() && !stripTimer_->isActive())
            stripTimer_->start();
    });
}

void CompositionView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void CompositionView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    drawStrips(); // thumbnails that arrived while hidden
}

void CompositionView::retranslate()
{
    empty_->setText(tr("Once the Bins stage has run, this view shows what each bin holds."));
    const bool records = unit_ == Unit::Records;
    plot_->xAxis->setLabel(records ? tr("bin (0: the most typical records)") : tr("bin (0: the most typical images)"));
    plot_->yAxis->setLabel(records ? tr("records") : tr("images"));
    plot_->yAxis2->setLabel(tr("greedy objective"));
    rows_->setHorizontalHeaderLabels(
        {tr("Bin"), records ? tr("Records that show it") : tr("Images that show it (one per class)"),
         tr("Similarity to its class"), tr("Distance to class centre"), tr("Greedy objective")});
    rows_->horizontalHeaderItem(SimilarityColumn)
        ->setToolTip(tr("The mean cosine similarity of a member's features to the mean of its class, ± its "
                        "standard deviation in the bin: high for typical members, lower for unusual ones."));
    rows_->horizontalHeaderItem(DistanceColumn)
        ->setToolTip(tr("The mean distance of a member's features to the mean of its class."));
    rows_->horizontalHeaderItem(ObjectiveColumn)
        ->setToolTip(tr("How much the bin's picks added to the selection rule, summed: bins chosen earlier cover "
                        "the data better."));
    rebuild();
}

void CompositionView::setResults(BinsPtr bins, const QStringList& classNames)
{
    if (bins == bins_ && classNames == classNames_)
        return;
    bins_ = std::move(bins);
    classNames_ = classNames;
    rebuild();
}

void CompositionView::setUnit(Unit unit)
{
    if (unit == unit_)
        return;
    unit_ = unit;
    retranslate();
}

void CompositionView::rebuild()
{
    plot_->clearPlottables();
    plot_->clearItems();
    bars_.clear();
    objective_ = nullptr;
    stack_->setCurrentIndex(bins_ ? 1 : 0);
    rebuildRows();
    if (!bins_) {
        plot_->replot();
        return;
    }
    const int k = static_cast<int>(bins_->stats.size());
    QVector<double> keys(k);
    for (int b = 0; b < k; ++b)
        keys[b] = b;
    const int classes = bins_->labels.empty() ? 0 : std::max<int>(classNames_.size(), 1);
    QCPBars* below = nullptr;
    const int series = std::max(classes, 1);
    for (int c = 0; c < series; ++c) {
        auto* bars = new QCPBars(plot_->xAxis, plot_->yAxis);
        bars->setName(classes                  ? (c < classNames_.size() ? classNames_[c] : tr("class %1").arg(c))
                      : unit_ == Unit::Records ? tr("records")
                                               : tr("images"));
        bars->setWidth(0.7);
        bars->setPen(Qt::NoPen);
        bars->setBrush(Palette::category(c));
        QVector<double> values(k);
        for (int b = 0; b < k; ++b) {
            const auto& cc = bins_->stats[static_cast<std::size_t>(b)].classCounts;
            values[b] = classes ? (c < static_cast<int>(cc.size()) ? double(cc[c]) : 0.0)
                                : double(bins_->stats[static_cast<std::size_t>(b)].count);
        }
        bars->setData(keys, values, true);
        if (below)
            bars->moveAbove(below);
        below = bars;
        bars_.push_back(bars);
    }
    objective_ = plot_->addGraph(plot_->xAxis, plot_->yAxis2);
    objective_->setName(tr("greedy objective"));
    objective_->setPen(QPen(QColor(30, 30, 30), 2));
    objective_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(30, 30, 30), Qt::white, 7));
    QVector<double> obj(k);
    double top = 0;
    for (int b = 0; b < k; ++b) {
        const auto& s = bins_->stats[static_cast<std::size_t>(b)];
        obj[b] = s.greedy ? s.objective : qQNaN(); // the remainder bin is not chosen greedily
        if (s.greedy)
            top = std::max(top, s.objective);
    }
    objective_->setData(keys, obj, true);

    // Every bin's number; the remainder's says why the objective has no point there.
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    const int step = k > 30 ? static_cast<int>(std::ceil(k / 15.0)) : 1;
    for (int b = 0; b < k; ++b) {
        if (!bins_->stats[static_cast<std::size_t>(b)].greedy)
            ticker->addTick(b, tr("%1\n(the rest: not chosen\ngreedily, no objective)").arg(b));
        else if (b % step == 0)
            ticker->addTick(b, QString::number(b));
    }
    plot_->xAxis->setTicker(ticker);
    plot_->xAxis->setRange(-0.6, k - 0.4);
    double most = 0;
    for (int b = 0; b < k; ++b)
        most = std::max(most, double(bins_->stats[static_cast<std::size_t>(b)].count));
    // Fitted to the tallest bar and the highest objective (the legend is under the plot).
    plot_->yAxis->setRange(0, std::max(1.0, most * 1.06));
    plot_->yAxis2->setRange(0, std::max(1e-9, top * 1.08));
    setLegendBelowVisible(plot_, series <= 12);
    plot_->replot();

    // Each class spread evenly over the bins (to within the budgets' rounding): the
    // balanced form, by construction.
    bool balanced = classes > 0 && k > 1;
    for (int c = 0; c < classes && balanced; ++c) {
        std::int64_t lo = std::numeric_limits<std::int64_t>::max(), hi = 0;
        for (const auto& st : bins_->stats) {
            const std::int64_t n =
                c < static_cast<int>(st.classCounts.size()) ? st.classCounts[static_cast<std::size_t>(c)] : 0;
            lo = std::min(lo, n);
            hi = std::max(hi, n);
        }
        balanced = hi - lo <= 1;
    }
    const QString order = unit_ == Unit::Records ? tr("Bin 0 holds the most typical records, the last bin the outliers.")
                                                 : tr("Bin 0 holds the most typical images, the last bin the outliers.");
    summary_->setText(
        balanced
            ? tr("Every bin holds as many of each class as the others, give or take one (the "
                 "balanced form), so the bars are equal by construction. The bins differ in which images they hold: see the "
                 "rows below. %1")
                  .arg(order)
            : order);
}

void CompositionView::rebuildRows()
{
    const int k = bins_ ? static_cast<int>(bins_->profiles.size()) : 0;
    rows_->setVisible(k > 0);
    rows_->setRowCount(k);
    shown_.assign(static_cast<std::size_t>(k), 0);
    const QLocale locale;
    for (int b = 0; b < k; ++b) {
        const dq::BinProfile& p = bins_->profiles[static_cast<std::size_t>(b)];
        const auto set = [&](Column c, const QString& text) {
            auto* item = new QTableWidgetItem(text);
            item->setTextAlignment(c == MembersColumn ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignCenter);
            rows_->setItem(b, c, item);
        };
        set(BinColumn, QString::number(b));
        set(MembersColumn, QString());
        set(SimilarityColumn,
            p.count ? tr("%1 ± %2").arg(locale.toString(p.meanSimilarity, 'f', 3), locale.toString(p.spread, 'f', 3))
                    : QStringLiteral("–"));
        set(DistanceColumn, p.count ? locale.toString(p.meanDistance, 'g', 4) : QStringLiteral("–"));
        const bool greedy = b < static_cast<int>(bins_->stats.size()) && bins_->stats[static_cast<std::size_t>(b)].greedy;
        const double objective = greedy ? bins_->stats[static_cast<std::size_t>(b)].objective : 0.0;
        set(ObjectiveColumn, greedy ? (std::abs(objective) >= 1000 ? Format::count(std::llround(objective))
                                                                   : locale.toString(objective, 'g', 4))
                                    : tr("none (the rest)"));
        if (!greedy)
            rows_->item(b, ObjectiveColumn)
                ->setToolTip(tr("The last bin holds what the greedy bins left: it is not chosen "
                                "by the selection rule, so it has no objective."));
    }
    drawStrips();
}

void CompositionView::drawStrips()
{
    if (!bins_ || !thumbnails_)
        return;
    const int k = std::min(rows_->rowCount(), static_cast<int>(bins_->profiles.size()));
    for (int b = 0; b < k; ++b) {
        const auto& examples = bins_->profiles[static_cast<std::size_t>(b)].examples;
        QPixmap strip(static_cast<int>(examples.size()) * (kThumb + 2), kThumb);
        strip.fill(Qt::transparent);
        QPainter painter(&strip);
        int drawn = 0;
        for (std::size_t e = 0; e < examples.size(); ++e) {
            if (examples[e] < 0)
                continue;
            const QImage t = thumbnails_->thumbnail(examples[e]); // a miss queues it; `ready` redraws
            if (t.isNull())
                continue;
            painter.drawImage(QRect(static_cast<int>(e) * (kThumb + 2), 0, kThumb, kThumb), t);
            ++drawn;
        }
        painter.end();
        shown_[static_cast<std::size_t>(b)] = drawn;
        if (QTableWidgetItem* item = rows_->item(b, MembersColumn))
            item->setIcon(QIcon(strip));
    }
}

QString CompositionView::cellText(int bin, Column column) const
{
    const QTableWidgetItem* item = rows_->item(bin, column);
    return item ? item->text() : QString();
}

int CompositionView::thumbnailsShown(int bin) const
{
    return bin >= 0 && bin < static_cast<int>(shown_.size()) ? shown_[static_cast<std::size_t>(bin)] : 0;
}

QString CompositionView::summaryText() const { return summary_->text(); }

std::vector<double> CompositionView::plottedBinTotals() const
{
    std::vector<double> totals;
    for (const QCPBars* bars : bars_) {
        const auto data = bars->data();
        if (totals.size() < static_cast<std::size_t>(data->size()))
            totals.resize(static_cast<std::size_t>(data->size()), 0.0);
        int i = 0;
        for (auto it = data->constBegin(); it != data->constEnd(); ++it, ++i)
            totals[static_cast<std::size_t>(i)] += it->value;
    }
    return totals;
}

} // namespace dqui
