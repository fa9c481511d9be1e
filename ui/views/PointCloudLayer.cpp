#include "views/PointCloudLayer.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>

namespace dqui {
namespace {

QRgb faded(QRgb c)
{
    const auto f = [](int v) { return v + (255 - v) * 11 / 20; };
    return qRgb(f(qRed(c)), f(qGreen(c)), f(qBlue(c)));
}

QRgb darker(QRgb c) { return qRgb(qRed(c) * 11 / 20, qGreen(c) * 11 / 20, qBlue(c) * 11 / 20); }

// A filled square of side `side` centred at (cx, cy), clipped to the image.
inline void square(QRgb* bits, int stride, int w, int h, int cx, int cy, int side, QRgb c)
{
    const int x0 = std::max(0, cx - side / 2), x1 = std::min(w, cx - side / 2 + side);
    const int y0 = std::max(0, cy - side / 2), y1 = std::min(h, cy - side / 2 + side);
    for (int y = y0; y < y1; ++y) {
        QRgb* row = bits + static_cast<std::ptrdiff_t>(y) * stride;
        for (int x = x0; x < x1; ++x)
            row[x] = c;
    }
}

// The outline of a square of side `side` centred at (cx, cy), `thick` pixels wide.
inline void ring(QRgb* bits, int stride, int w, int h, int cx, int cy, int side, int thick, QRgb c)
{
    const int x0 = cx - side / 2, y0 = cy - side / 2;
    for (int y = std::max(0, y0); y < std::min(h, y0 + side); ++y) {
        QRgb* row = bits + static_cast<std::ptrdiff_t>(y) * stride;
        const bool edgeRow = y < y0 + thick || y >= y0 + side - thick;
        for (int x = std::max(0, x0); x < std::min(w, x0 + side); ++x)
            if (edgeRow || x < x0 + thick || x >= x0 + side - thick)
                row[x] = c;
    }
}

} // namespace

QRgb PointCloudLayer::comparedColor() { return qRgb(20, 20, 20); }

PointCloudLayer::PointCloudLayer(QCustomPlot* plot, QCPAxis* keyAxis, QCPAxis* valueAxis)
        : QCPLayerable(plot), keyAxis_(keyAxis), valueAxis_(valueAxis)
{ }

void PointCloudLayer::setCloud(const PointCloud* cloud)
{
    cloud_ = cloud;
    cacheValid_ = false;
}

void PointCloudLayer::setLegend(const QVector<QPair<QRgb, QString>>& entries) { legend_ = entries; }

void PointCloudLayer::applyDefaultAntialiasingHint(QCPPainter* painter) const
{
    applyAntialiasingHint(painter, mAntialiased, QCP::aeOther);
}

QPointF PointCloudLayer::pixelOf(std::int64_t i) const
{
    const auto k = static_cast<std::size_t>(i);
    return {keyAxis_->coordToPixel(cloud_->x[k]), valueAxis_->coordToPixel(cloud_->y[k])};
}

void PointCloudLayer::draw(QCPPainter* painter)
{
    if (!cloud_ || !keyAxis_ || !valueAxis_)
        return;
    const QRect area = keyAxis_->axisRect()->rect();
    const qreal dpr = mParentPlot->bufferDevicePixelRatio();
    if (!cacheValid_ || area != cacheArea_ || keyAxis_->range() != keyRange_ || valueAxis_->range() != valueRange_ ||
        !qFuzzyCompare(cache_.devicePixelRatio(), dpr))
        rasterise(area, dpr);
    painter->drawImage(area.topLeft(), cache_);
    drawLegend(painter, area);
}

void PointCloudLayer::rasterise(const QRect& area, qreal dpr)
{
    QElapsedTimer timer;
    timer.start();
    const int w = std::max(1, static_cast<int>(std::lround(area.width() * dpr)));
    const int h = std::max(1, static_cast<int>(std::lround(area.height() * dpr)));
    if (cache_.width() != w || cache_.height() != h)
        cache_ = QImage(w, h, QImage::Format_ARGB32_Premultiplied);
    cache_.setDevicePixelRatio(dpr);
    cache_.fill(Qt::transparent);
    keyRange_ = keyAxis_->range();
    valueRange_ = valueAxis_->range();
    cacheArea_ = area;
    cacheValid_ = true;

    // Linear axes: pixel = a * value + b, in image pixels.
    const double kx0 = keyAxis_->coordToPixel(0.0), kx1 = keyAxis_->coordToPixel(1.0);
    const double vy0 = valueAxis_->coordToPixel(0.0), vy1 = valueAxis_->coordToPixel(1.0);
    const double ax = (kx1 - kx0) * dpr, bx = (kx0 - area.left()) * dpr;
    const double ay = (vy1 - vy0) * dpr, by = (vy0 - area.top()) * dpr;

    QRgb* bits = reinterpret_cast<QRgb*>(cache_.bits());
    const int stride = static_cast<int>(cache_.bytesPerLine() / 4);
    const PointCloud& c = *cloud_;
    const bool sampled = !c.kept.empty(), focused = !c.highlighted.empty();
    const int small = std::max(2, static_cast<int>(std::lround(3 * dpr)));
    const int normal = std::max(3, static_cast<int>(std::lround(3 * dpr)));
    const int big = normal + 2 * std::max(1, static_cast<int>(std::lround(dpr)));
    const auto colorOf = [&](std::size_t k) {
        const int ci = c.colorIndex.empty() ? -1 : c.colorIndex[k];
        return ci >= 0 && ci < c.colors.size() ? c.colors[ci] : qRgb(150, 150, 150);
    };
    // Three passes so that emphasised points lie on top: faded, plain, kept.
    for (int pass = 0; pass < 3; ++pass) {
        for (std::size_t k = 0; k < c.x.size(); ++k) {
            if (!c.visible(static_cast<std::int64_t>(k)))
                continue;
            const bool inFocus = !focused || c.highlighted[k];
            const bool kept = sampled && c.kept[k];
            // Inside a selection every point shows; without one, the dropped samples fade.
            const int p = !inFocus ? 0 : kept ? 2 : (sampled && !focused ? 0 : 1);
            if (p != pass)
                continue;
            const double fx = ax * c.x[k] + bx, fy = ay * c.y[k] + by;
            if (!(fx > -big && fy > -big && fx < w + big && fy < h + big)) // also drops NaN
                continue;
            const int px = static_cast<int>(fx), py = static_cast<int>(fy);
            const QRgb col = colorOf(k);
            if (pass == 0) {
                square(bits, stride, w, h, px, py, small, faded(col));
            } else if (pass == 1) {
                square(bits, stride, w, h, px, py, normal, col);
            } else {
                square(bits, stride, w, h, px, py, big, darker(col));
                square(bits, stride, w, h, px, py, normal, col);
            }
        }
    }
    // A compared method's picks: outlined on top of everything, whatever their colour.
    if (!c.compared.empty()) {
        const int side = big + 2 * std::max(1, static_cast<int>(std::lround(dpr)));
        const int thick = std::max(1, static_cast<int>(std::lround(dpr)));
        for (std::size_t k = 0; k < c.x.size() && k < c.compared.size(); ++k) {
            if (!c.compared[k] || !c.visible(static_cast<std::int64_t>(k)) || (focused && !c.highlighted[k]))
                continue;
            const double fx = ax * c.x[k] + bx, fy = ay * c.y[k] + by;
            if (!(fx > -side && fy > -side && fx < w + side && fy < h + side))
                continue;
            ring(bits, stride, w, h, static_cast<int>(fx), static_cast<int>(fy), side, thick, comparedColor());
        }
    }
    lastRasterMs_ = timer.nsecsElapsed() / 1e6;
}

void PointCloudLayer::drawLegend(QCPPainter* painter, const QRect& area) const
{
    if (legend_.isEmpty())
        return;
    const int shown = std::min<int>(legend_.size(), 20);
    const QFontMetrics fm(mParentPlot->font());
    int textWidth = 0;
    for (int i = 0; i < shown; ++i)
        textWidth = std::max(textWidth, fm.horizontalAdvance(legend_[i].second));
    const int row = fm.height() + 2, box = fm.height() - 4;
    const int extra = legend_.size() > shown ? 1 : 0;
    const QRect frame(area.right() - textWidth - box - 22, area.top() + 8, textWidth + box + 14, (shown + extra) * row + 8);
    painter->save();
    painter->setPen(QColor(190, 190, 190));
    painter->setBrush(QColor(255, 255, 255, 225));
    painter->drawRect(frame);
    painter->setFont(mParentPlot->font());
    for (int i = 0; i < shown; ++i) {
        const int y = frame.top() + 4 + i * row;
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(legend_[i].first));
        painter->drawRect(frame.left() + 6, y + (row - box) / 2, box, box);
        painter->setPen(QColor(40, 40, 40));
        painter->drawText(QRect(frame.left() + box + 12, y, textWidth + 4, row), Qt::AlignVCenter, legend_[i].second);
    }
    if (extra)
        painter->drawText(QRect(frame.left() + box + 12, frame.top() + 4 + shown * row, textWidth + 4, row),
                          Qt::AlignVCenter, QStringLiteral("…"));
    painter->restore();
}

} // namespace dqui
