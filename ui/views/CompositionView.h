#pragma once
#include "pipeline/Results.h"

#include <QStringList>
#include <QWidget>

class QCustomPlot;
class QCPBars;
class QCPGraph;
class QLabel;
class QStackedWidget;

namespace dqui {

// What each bin holds: stacked bars of its class counts, and the greedy objective of
// every bin (the sum of the marginal gains of its picks) on the right axis.
class CompositionView : public QWidget {
    Q_OBJECT

public:
    enum class Unit { Images, Records }; // what the bars count (Records: instruction data)

    explicit CompositionView(QWidget* parent = nullptr);
    void setResults(BinsPtr bins, const QStringList& classNames);
    void setUnit(Unit unit);
    QCustomPlot* plot() const { return plot_; }
    // The bar heights summed per bin, as plotted (tests).
    std::vector<double> plottedBinTotals() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void rebuild();

    BinsPtr bins_;
    QStringList classNames_;
    Unit unit_ = Unit::Images;
    QStackedWidget* stack_;
    QLabel* empty_;
    QCustomPlot* plot_;
    QList<QCPBars*> bars_;
    QCPGraph* objective_ = nullptr;
};

} // namespace dqui
