#pragma once
#include "views/PointCloud.h"

#include <qcustomplot.h>

#include <QImage>

namespace dqui {

// Draws tens of thousands of points fast: they are rasterised straight into an image
// (a few pixels each, no QPainter call per point) which is cached until the axes, the
// size or the points change. A plain QCustomPlot scatter of 60,000 discs takes about
// 150 ms per replot; this takes a few ms (tests/bench/bench_scatter.cpp).
class PointCloudLayer : public QCPLayerable {
    Q_OBJECT

public:
    PointCloudLayer(QCustomPlot* plot, QCPAxis* keyAxis, QCPAxis* valueAxis);

    void setCloud(const PointCloud* cloud); // not owned; call invalidate() after changes
    void invalidate() { cacheValid_ = false; }
    // Legend entries drawn in the top-right corner (colour, text), at most 20 shown.
    void setLegend(const QVector<QPair<QRgb, QString>>& entries);

    // Pixel position of point i in the plot widget.
    QPointF pixelOf(std::int64_t i) const;
    double lastRasterMs() const { return lastRasterMs_; }
    // The outline of the samples a compared method keeps.
    static QRgb comparedColor();

protected:
    void applyDefaultAntialiasingHint(QCPPainter* painter) const override;
    void draw(QCPPainter* painter) override;
    double selectTest(const QPointF&, bool, QVariant*) const override { return -1; }

private:
    void rasterise(const QRect& area, qreal dpr);
    void drawLegend(QCPPainter* painter, const QRect& area) const;

    QPointer<QCPAxis> keyAxis_, valueAxis_;
    const PointCloud* cloud_ = nullptr;
    QVector<QPair<QRgb, QString>> legend_;
    QImage cache_;
    bool cacheValid_ = false;
    QCPRange keyRange_, valueRange_;
    QRect cacheArea_;
    double lastRasterMs_ = 0;
};

} // namespace dqui
