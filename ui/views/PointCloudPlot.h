#pragma once
#include "views/PointCloud.h"

#include <qcustomplot.h>

namespace dqui {

class PointCloudLayer;
class SelectionOverlay;

// The embedding scatter's plot: pan and zoom (drag, wheel), rectangle and lasso
// selection, and a click that picks the nearest point.
class PointCloudPlot : public QCustomPlot {
    Q_OBJECT

public:
    enum class Tool { Pan, Rectangle, Lasso };

    explicit PointCloudPlot(QWidget* parent = nullptr);

    void setCloud(const PointCloud* cloud);
    // After the cloud's colours, flags or filter changed; `fit` also rescales the axes.
    void cloudChanged(bool fit);
    void fitToPoints();
    void setTool(Tool tool);
    Tool tool() const { return tool_; }
    PointCloudLayer* pointLayer() const { return points_; }

    // Visible points whose pixel position lies inside the polygon (widget pixels).
    QVector<qint64> pointsInPolygon(const QPolygonF& polygon) const;
    // The visible point nearest to `pos` within `radius` pixels, or -1.
    qint64 pointAt(const QPointF& pos, double radius = 8) const;

signals:
    void regionSelected(const QVector<qint64>& indices, bool additive);
    void pointClicked(qint64 index);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    const PointCloud* cloud_ = nullptr;
    PointCloudLayer* points_;
    SelectionOverlay* overlay_;
    Tool tool_ = Tool::Pan;
    QPointF pressPos_;
    bool selecting_ = false;
};

} // namespace dqui
