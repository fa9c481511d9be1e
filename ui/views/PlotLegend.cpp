#include "views/PlotLegend.h"

#include <qcustomplot.h>

namespace dqui {

void placeLegendBelow(QCustomPlot* plot, int columns)
{
    plot->axisRect()->insetLayout()->take(plot->legend);
    plot->plotLayout()->addElement(1, 0, plot->legend);
    plot->plotLayout()->setRowStretchFactor(1, 0.001);
    plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    plot->legend->setWrap(columns);
    plot->legend->setBorderPen(Qt::NoPen);
}

void setLegendBelowVisible(QCustomPlot* plot, bool visible)
{
    QCPLayoutGrid* layout = plot->plotLayout();
    const bool placed = layout->rowCount() > 1 && layout->element(1, 0) == plot->legend;
    if (visible && !placed) {
        layout->addElement(1, 0, plot->legend);
        layout->setRowStretchFactor(1, 0.001);
    } else if (!visible && placed) {
        layout->take(plot->legend);
        layout->simplify();
    }
    plot->legend->setVisible(visible);
}

} // namespace dqui
