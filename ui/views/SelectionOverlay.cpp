#include "views/SelectionOverlay.h"

namespace dqui {

SelectionOverlay::SelectionOverlay(QCustomPlot* plot) : QCPLayerable(plot, QStringLiteral("overlay")) { }

void SelectionOverlay::setPolygon(const QPolygonF& polygon)
{
    polygon_ = polygon;
    layer()->replot();
}

void SelectionOverlay::applyDefaultAntialiasingHint(QCPPainter* painter) const
{
    applyAntialiasingHint(painter, true, QCP::aeOther);
}

void SelectionOverlay::draw(QCPPainter* painter)
{
    if (polygon_.size() < 2)
        return;
    painter->setPen(QPen(QColor(30, 30, 30), 1, Qt::DashLine));
    painter->setBrush(QColor(70, 110, 200, 40));
    painter->drawPolygon(polygon_);
}

} // namespace dqui
