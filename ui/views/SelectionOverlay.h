#pragma once
#include <qcustomplot.h>

namespace dqui {

// The rectangle or lasso being drawn, on QCustomPlot's buffered "overlay" layer so that
// moving the mouse repaints only this layer.
class SelectionOverlay : public QCPLayerable {
    Q_OBJECT

public:
    explicit SelectionOverlay(QCustomPlot* plot);
    void setPolygon(const QPolygonF& polygon);
    const QPolygonF& polygon() const { return polygon_; }

protected:
    void applyDefaultAntialiasingHint(QCPPainter* painter) const override;
    void draw(QCPPainter* painter) override;
    double selectTest(const QPointF&, bool, QVariant*) const override { return -1; }

private:
    QPolygonF polygon_;
};

} // namespace dqui
