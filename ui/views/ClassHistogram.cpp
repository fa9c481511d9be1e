#include "views/ClassHistogram.h"

#include "views/PlotLegend.h"

#include <qcustomplot.h>

#include <QEvent>
#include <QVBoxLayout>

#include <algorithm>

namespace dqui {
namespace {

std::vector<double> valuesOf(const QCPBars* bars)
{
    std::vector<double> out;
    if (!bars)
        return out;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
        out.push_back(it->value);
    return out;
}

} // namespace

ClassHistogram::ClassHistogram(QWidget* parent) : QWidget(parent)
{
    plot_ = new QCustomPlot(this);
    plot_->setInteractions(QCP::Interactions());
    plot_->legend->setFont(font());
    group_ = new QCPBarsGroup(plot_);
    placeLegendBelow(plot_, 2); // over the bars it covered the tallest ones
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    setMinimumHeight(180);
}

void ClassHistogram::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        rebuild();
    QWidget::changeEvent(event);
}

void ClassHistogram::setCounts(const QStringList& classNames, const std::vector<std::int64_t>& counts,
                               const std::vector<std::int64_t>& kept)
{
    names_ = classNames;
    counts_ = counts;
    kept_ = kept;
    rebuild();
}

void ClassHistogram::rebuild()
{
    plot_->clearPlottables();
    all_ = kept_bars_ = nullptr;
    const int n = static_cast<int>(counts_.size());
    QVector<double> keys(n), values(n), keptValues(n);
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    double top = 1;
    for (int c = 0; c < n; ++c) {
        keys[c] = c;
        values[c] = double(counts_[static_cast<std::size_t>(c)]);
        keptValues[c] = c < static_cast<int>(kept_.size()) ? double(kept_[static_cast<std::size_t>(c)]) : 0.0;
        top = std::max(top, values[c]);
        ticker->addTick(c, c < names_.size() ? names_[c] : QString::number(c));
    }
    plot_->xAxis->setTicker(ticker);
    plot_->xAxis->setTickLabelRotation(n > 6 ? -30 : 0); // labels end at their tick: the last one stays inside
    plot_->xAxis->setRange(-0.6, n - 0.4);
    plot_->yAxis->setRange(0, top * 1.08);
    plot_->yAxis->setLabel(tr("images"));

    all_ = new QCPBars(plot_->xAxis, plot_->yAxis);
    all_->setName(tr("in the dataset"));
    all_->setPen(Qt::NoPen);
    all_->setBrush(QColor(0x4e, 0x79, 0xa7));
    all_->setData(keys, values, true);
    if (!kept_.empty()) {
        all_->setWidth(0.38);
        all_->setBarsGroup(group_);
        kept_bars_ = new QCPBars(plot_->xAxis, plot_->yAxis);
        kept_bars_->setName(tr("kept"));
        kept_bars_->setPen(Qt::NoPen);
        kept_bars_->setBrush(QColor(0xf2, 0x8e, 0x2b));
        kept_bars_->setWidth(0.38);
        kept_bars_->setData(keys, keptValues, true);
        kept_bars_->setBarsGroup(group_);
    } else {
        all_->setWidth(0.7);
    }
    setLegendBelowVisible(plot_, !kept_.empty());
    plot_->replot();
}

std::vector<double> ClassHistogram::plottedCounts() const { return valuesOf(all_); }
std::vector<double> ClassHistogram::plottedKept() const { return valuesOf(kept_bars_); }

} // namespace dqui
