#include "views/EvaluationView.h"

#include "common/Format.h"
#include "common/Palette.h"
#include "pipeline/EvaluationText.h"

#include <qcustomplot.h>

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace dqui {
namespace {

struct EpochStats {
    std::vector<double> epoch, mean, lower, upper;
};

// Mean and spread over the seeds that reached each epoch.
EpochStats statsOf(const QMap<quint64, std::vector<dq::EpochRecord>>& runs)
{
    EpochStats s;
    for (std::size_t e = 0;; ++e) {
        std::vector<double> values;
        for (const auto& run : runs)
            if (run.size() > e)
                values.push_back(100.0 * run[e].testAccuracy);
        if (values.empty())
            return s;
        const dq::MeanStd m = dq::meanStd(values);
        s.epoch.push_back(double(e + 1));
        s.mean.push_back(m.mean);
        s.lower.push_back(m.mean - m.std);
        s.upper.push_back(m.mean + m.std);
    }
}

} // namespace

EvaluationView::EvaluationView(QWidget* parent) : QWidget(parent)
{
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    status_->setObjectName(QStringLiteral("evaluationStatus"));
    headline_ = new QLabel(this);
    headline_->setWordWrap(true);
    headline_->setTextFormat(Qt::RichText);
    headline_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    curves_ = new QCustomPlot(this);
    curves_->setMinimumHeight(220);
    curves_->setInteractions(QCP::Interactions());
    curves_->legend->setVisible(true);
    curves_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    table_ = new QTableWidget(this);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->setVisible(false);
    table_->horizontalHeader()->setStretchLastSection(true);

    sweep_ = new QCustomPlot(this);
    sweep_->setMinimumHeight(200);
    sweep_->setInteractions(QCP::Interactions());
    sweep_->legend->setVisible(true);
    sweep_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(status_);
    layout->addWidget(headline_);
    layout->addWidget(curves_, 2);
    layout->addWidget(table_);
    layout->addWidget(sweep_, 1);
    rebuild();
}

void EvaluationView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        rebuild();
    QWidget::changeEvent(event);
}

void EvaluationView::setEvaluation(EvaluationPtr evaluation, bool current)
{
    evaluation_ = std::move(evaluation);
    current_ = current;
    live_ = false;
    curvesData_.clear();
    if (evaluation_)
        for (const dq::SubsetResult& s : evaluation_->result.subsets) {
            Curve c;
            c.name = QString::fromStdString(s.name);
            for (const dq::SeedRun& run : s.runs)
                c.runs[run.seed] = run.epochs;
            curvesData_.push_back(std::move(c));
        }
    rebuild();
}

void EvaluationView::startRun(int epochs, int seeds)
{
    live_ = true;
    liveEpochs_ = epochs;
    liveSeeds_ = seeds;
    curvesData_.clear();
    rebuild();
}

void EvaluationView::addEpoch(const dq::EpochUpdate& u)
{
    if (!live_)
        return;
    const QString name = QString::fromStdString(u.name);
    auto it = std::find_if(curvesData_.begin(), curvesData_.end(), [&](const Curve& c) { return c.name == name; });
    if (it == curvesData_.end()) {
        curvesData_.push_back({name, {}});
        it = curvesData_.end() - 1;
    }
    it->runs[u.seed].push_back(u.record);
    status_->setText(statusText());
    drawCurves();
}

void EvaluationView::setUnavailable(const QString& reason)
{
    unavailable_ = reason;
    rebuild();
}

QString EvaluationView::statusText() const
{
    if (!unavailable_.isEmpty())
        return unavailable_;
    if (live_)
        return tr("Training: %1 epochs for each of %2 seeds; the curves fill in as epochs finish.")
            .arg(liveEpochs_)
            .arg(liveSeeds_);
    if (!evaluation_)
        return tr("Run the Evaluate stage: it trains a fresh network on the kept images and on random images of the "
                  "same classes, then tests each on the test split. It takes a few minutes on a CPU.");
    if (!current_)
        return tr("These figures belong to other parameters: run the Evaluate stage again to update them.");
    return {};
}

QString EvaluationView::headlineText() const { return headline_->text(); }

void EvaluationView::rebuild()
{
    status_->setText(statusText());
    status_->setStyleSheet(!current_ && evaluation_ && !live_ ? QStringLiteral("color: #b26a00; font-weight: bold")
                                                              : QString());
    headline_->setText(evaluation_ && !live_ ? EvaluationText::summary(evaluation_->result) : QString());
    drawCurves();
    fillTable();
    drawSweep();
}

void EvaluationView::drawCurves()
{
    curves_->clearGraphs();
    int colour = 0;
    for (const Curve& c : curvesData_) {
        if (EvaluationText::isSweep(c.name.toStdString()))
            continue;
        const EpochStats s = statsOf(c.runs);
        const QColor col = Palette::category(colour++);
        QCPGraph* lower = curves_->addGraph();
        lower->setData(QVector<double>(s.epoch.begin(), s.epoch.end()), QVector<double>(s.lower.begin(), s.lower.end()),
                       true);
        lower->setPen(Qt::NoPen);
        lower->removeFromLegend();
        QCPGraph* upper = curves_->addGraph();
        upper->setData(QVector<double>(s.epoch.begin(), s.epoch.end()), QVector<double>(s.upper.begin(), s.upper.end()),
                       true);
        upper->setPen(Qt::NoPen);
        QColor band = col;
        band.setAlpha(50);
        upper->setBrush(band);
        upper->setChannelFillGraph(lower);
        upper->removeFromLegend();
        QCPGraph* mean = curves_->addGraph();
        mean->setData(QVector<double>(s.epoch.begin(), s.epoch.end()), QVector<double>(s.mean.begin(), s.mean.end()), true);
        mean->setPen(QPen(col, 2));
        mean->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
        mean->setName(EvaluationText::subsetName(c.name.toStdString()));
    }
    curves_->xAxis->setLabel(tr("epoch"));
    curves_->yAxis->setLabel(tr("test accuracy (%): mean, band ± std over seeds"));
    bool found = false;
    double lo = 100, hi = 0, last = 1;
    for (int g = 0; g < curves_->graphCount(); ++g) {
        const QCPRange r = curves_->graph(g)->getValueRange(found);
        if (found) {
            lo = std::min(lo, r.lower);
            hi = std::max(hi, r.upper);
        }
        const QCPRange k = curves_->graph(g)->getKeyRange(found);
        if (found)
            last = std::max(last, k.upper);
    }
    if (lo > hi) {
        lo = 0;
        hi = 100;
    }
    QSharedPointer<QCPAxisTickerFixed> whole(new QCPAxisTickerFixed);
    whole->setTickStep(1.0);
    whole->setScaleStrategy(QCPAxisTickerFixed::ssMultiples); // epochs are whole numbers
    curves_->xAxis->setTicker(whole);
    curves_->xAxis->setRange(0.5, std::max<double>(last, liveEpochs_) + 0.5);
    curves_->yAxis->setRange(std::max(0.0, lo - 2), std::min(100.0, hi + 2));
    curves_->legend->setVisible(curves_->graphCount() > 0);
    curves_->replot();
}

void EvaluationView::fillTable()
{
    table_->clear();
    const QStringList head = {tr("subset"), tr("images"), tr("final epoch accuracy"), tr("best epoch*"), tr("minutes")};
    table_->setColumnCount(head.size());
    table_->setHorizontalHeaderLabels(head);
    table_->horizontalHeaderItem(3)->setToolTip(tr("The best epoch is chosen on the test set, which flatters it; the "
                                                   "final epoch is the honest figure."));
    if (!evaluation_ || live_) {
        table_->setRowCount(0);
        return;
    }
    const auto& subsets = evaluation_->result.subsets;
    table_->setRowCount(static_cast<int>(subsets.size()));
    for (int i = 0; i < table_->rowCount(); ++i) {
        const dq::SubsetResult& s = subsets[static_cast<std::size_t>(i)];
        const int runs = static_cast<int>(s.runs.size());
        const QStringList cells = {EvaluationText::subsetName(s.name), Format::count(s.images),
                                   EvaluationText::accuracy(s.finalAccuracy, runs),
                                   EvaluationText::accuracy(s.bestAccuracy, runs),
                                   QString::number(s.seconds / 60.0, 'f', 1)};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setToolTip(QString::fromStdString(s.source));
            if (c > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            table_->setItem(i, c, item);
        }
    }
    table_->resizeColumnsToContents();
    // As tall as its rows: the space below goes to the plots.
    int height = table_->horizontalHeader()->height() + 2 * table_->frameWidth();
    for (int r = 0; r < table_->rowCount(); ++r)
        height += table_->rowHeight(r);
    table_->setFixedHeight(std::min(height, 260));
}

void EvaluationView::drawSweep()
{
    sweep_->clearPlottables();
    std::vector<const dq::SubsetResult*> dq, random;
    if (evaluation_ && !live_) {
        for (const dq::SubsetResult& s : evaluation_->result.subsets) {
            if (s.kind == dq::SubsetKind::Swept)
                dq.push_back(&s);
            else if (EvaluationText::isSweep(s.name))
                random.push_back(&s);
        }
    }
    sweep_->setVisible(!dq.empty());
    if (dq.empty())
        return;
    double hi = 0;
    for (const auto* group : {&dq, &random}) {
        if (group->empty())
            continue;
        QVector<double> x, y, err;
        for (const dq::SubsetResult* s : *group) {
            x << 100.0 * s->ratio;
            y << 100.0 * s->finalAccuracy.mean;
            err << 100.0 * s->finalAccuracy.std;
            hi = std::max(hi, 100.0 * s->ratio);
        }
        const QColor col = Palette::category(group == &dq ? 0 : 2);
        QCPGraph* g = sweep_->addGraph();
        g->setData(x, y);
        g->setPen(QPen(col, 2));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
        g->setName(group == &dq ? tr("DQ") : tr("Random"));
        auto* bars = new QCPErrorBars(sweep_->xAxis, sweep_->yAxis);
        bars->setDataPlottable(g);
        bars->setData(err);
        bars->setPen(QPen(col));
        bars->removeFromLegend();
    }
    sweep_->xAxis->setLabel(tr("keep ratio (%)"));
    sweep_->yAxis->setLabel(tr("final test accuracy (%)"));
    sweep_->rescaleAxes();
    sweep_->xAxis->setRange(0, hi * 1.08);
    const QCPRange yr = sweep_->yAxis->range();
    sweep_->yAxis->setRange(yr.lower - 2, std::min(100.0, yr.upper + 2));
    sweep_->replot();
}

} // namespace dqui
