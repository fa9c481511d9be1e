#include "views/PointCloudPlot.h"

#include "views/PointCloudLayer.h"
#include "views/SelectionOverlay.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dqui {

PointCloudPlot::PointCloudPlot(QWidget* parent) : QCustomPlot(parent)
{
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    setNoAntialiasingOnDrag(true);
    points_ = new PointCloudLayer(this, xAxis, yAxis);
    points_->setLayer(QStringLiteral("main"));
    overlay_ = new SelectionOverlay(this);
    xAxis->setTickLabels(false);
    yAxis->setTickLabels(false);
    xAxis->grid()->setPen(QPen(QColor(230, 230, 230)));
    yAxis->grid()->setPen(QPen(QColor(230, 230, 230)));
    axisRect()->setupFullAxesBox(true);
}

void PointCloudPlot::setCloud(const PointCloud* cloud)
{
    cloud_ = cloud;
    points_->setCloud(cloud);
    cloudChanged(true);
}

void PointCloudPlot::cloudChanged(bool fit)
{
    points_->invalidate();
    if (fit)
        fitToPoints();
    replot();
}

void PointCloudPlot::fitToPoints()
{
    if (!cloud_ || cloud_->x.empty()) {
        xAxis->setRange(-1, 1);
        yAxis->setRange(-1, 1);
        return;
    }
    const auto [x0, x1] = std::minmax_element(cloud_->x.begin(), cloud_->x.end());
    const auto [y0, y1] = std::minmax_element(cloud_->y.begin(), cloud_->y.end());
    const double px = std::max(1e-6, (*x1 - *x0) * 0.04), py = std::max(1e-6, (*y1 - *y0) * 0.04);
    xAxis->setRange(*x0 - px, *x1 + px);
    yAxis->setRange(*y0 - py, *y1 + py);
}

void PointCloudPlot::setTool(Tool tool)
{
    tool_ = tool;
    setInteraction(QCP::iRangeDrag, tool == Tool::Pan);
    setCursor(tool == Tool::Pan ? Qt::OpenHandCursor : Qt::CrossCursor);
}

QVector<qint64> PointCloudPlot::pointsInPolygon(const QPolygonF& polygon) const
{
    QVector<qint64> out;
    if (!cloud_ || polygon.size() < 3)
        return out;
    const QRectF bounds = polygon.boundingRect();
    for (std::int64_t i = 0; i < cloud_->size(); ++i) {
        if (!cloud_->visible(i))
            continue;
        const QPointF p = points_->pixelOf(i);
        if (bounds.contains(p) && polygon.containsPoint(p, Qt::OddEvenFill))
            out.push_back(i);
    }
    return out;
}

qint64 PointCloudPlot::pointAt(const QPointF& pos, double radius) const
{
    if (!cloud_)
        return -1;
    qint64 best = -1;
    double bestD = radius * radius;
    for (std::int64_t i = 0; i < cloud_->size(); ++i) {
        if (!cloud_->visible(i))
            continue;
        const QPointF d = points_->pixelOf(i) - pos;
        const double dd = d.x() * d.x() + d.y() * d.y();
        if (dd <= bestD) {
            bestD = dd;
            best = i;
        }
    }
    return best;
}

void PointCloudPlot::mousePressEvent(QMouseEvent* event)
{
    pressPos_ = event->position();
    if (tool_ != Tool::Pan && event->button() == Qt::LeftButton) {
        selecting_ = true;
        overlay_->setPolygon(QPolygonF{pressPos_});
        return;
    }
    QCustomPlot::mousePressEvent(event);
}

void PointCloudPlot::mouseMoveEvent(QMouseEvent* event)
{
    if (!selecting_) {
        QCustomPlot::mouseMoveEvent(event);
        return;
    }
    const QPointF p = event->position();
    if (tool_ == Tool::Rectangle) {
        overlay_->setPolygon(QPolygonF(QRectF(pressPos_, p).normalized()));
    } else {
        QPolygonF poly = overlay_->polygon();
        if (poly.isEmpty() || QLineF(poly.last(), p).length() >= 3)
            poly << p;
        overlay_->setPolygon(poly);
    }
}

void PointCloudPlot::mouseReleaseEvent(QMouseEvent* event)
{
    const QPointF p = event->position();
    if (selecting_) {
        selecting_ = false;
        QPolygonF poly = tool_ == Tool::Rectangle ? QPolygonF(QRectF(pressPos_, p).normalized()) : overlay_->polygon();
        overlay_->setPolygon({});
        const bool additive = event->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier);
        if (QLineF(pressPos_, p).length() < 4 && tool_ == Tool::Rectangle) {
            emit regionSelected({}, additive); // a click clears the selection
            return;
        }
        emit regionSelected(pointsInPolygon(poly), additive);
        return;
    }
    QCustomPlot::mouseReleaseEvent(event);
    if (event->button() == Qt::LeftButton && QLineF(pressPos_, p).length() < 4) {
        const qint64 i = pointAt(p);
        if (i >= 0)
            emit pointClicked(i);
    }
}

} // namespace dqui
