#include "views/CompositionView.h"

#include "common/Palette.h"

#include <qcustomplot.h>

#include <QEvent>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <cmath>

namespace dqui {

CompositionView::CompositionView(QWidget* parent) : QWidget(parent)
{
    plot_ = new QCustomPlot(this);
    plot_->legend->setVisible(true);
    plot_->legend->setFont(font());
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    plot_->yAxis2->setVisible(true);
    plot_->setInteractions(QCP::Interactions());
    empty_ = new QLabel(this);
    empty_->setAlignment(Qt::AlignCenter);
    empty_->setWordWrap(true);
    stack_ = new QStackedWidget(this);
    stack_->addWidget(empty_);
    stack_->addWidget(plot_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(stack_);
    retranslate();
}

void CompositionView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void CompositionView::retranslate()
{
    empty_->setText(tr("Run the Bins stage to see what each bin holds."));
    const bool records = unit_ == Unit::Records;
    plot_->xAxis->setLabel(records ? tr("bin (0: the most typical records)") : tr("bin (0: the most typical images)"));
    plot_->yAxis->setLabel(records ? tr("records") : tr("images"));
    plot_->yAxis2->setLabel(tr("greedy objective"));
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
    bars_.clear();
    objective_ = nullptr;
    stack_->setCurrentWidget(bins_ ? static_cast<QWidget*>(plot_) : empty_);
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
        bars->setName(classes ? (c < classNames_.size() ? classNames_[c] : tr("class %1").arg(c))
                             : unit_ == Unit::Records ? tr("records") : tr("images"));
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

    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(k > 30 ? std::ceil(k / 15.0) : 1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssNone);
    plot_->xAxis->setTicker(ticker);
    plot_->xAxis->setRange(-0.6, k - 0.4);
    double most = 0;
    for (int b = 0; b < k; ++b)
        most = std::max(most, double(bins_->stats[static_cast<std::size_t>(b)].count));
    // Headroom above the bars for the legend.
    plot_->yAxis->setRange(0, std::max(1.0, most * (1.15 + 0.045 * std::min(series, 12))));
    plot_->yAxis2->setRange(0, std::max(1e-9, top * 1.1));
    plot_->legend->setVisible(series <= 12);
    plot_->replot();
}

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
