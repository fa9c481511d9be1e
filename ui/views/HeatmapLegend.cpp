#include "views/HeatmapLegend.h"

#include <QLinearGradient>
#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace dqui {
namespace {

constexpr int kBarHeight = 12;

} // namespace

HeatmapLegend::HeatmapLegend(QWidget* parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QSize HeatmapLegend::sizeHint() const { return {220, kBarHeight + fontMetrics().height() + 8}; }
QSize HeatmapLegend::minimumSizeHint() const { return {100, sizeHint().height()}; }

QColor HeatmapLegend::jet(double v)
{
    v = std::clamp(v, 0.0, 1.0);
    const auto ramp = [v](double centre) { return std::clamp(1.5 - std::abs(4.0 * v - centre), 0.0, 1.0); };
    return QColor::fromRgbF(float(ramp(3.0)), float(ramp(2.0)), float(ramp(1.0)));
}

void HeatmapLegend::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const QFontMetrics fm(font());
    const int side = fm.horizontalAdvance(QStringLiteral("0.5")) / 2 + 2;
    const QRect bar(side, 2, std::max(20, width() - 2 * side), kBarHeight);
    QLinearGradient g(bar.topLeft(), bar.topRight());
    for (int i = 0; i <= 8; ++i)
        g.setColorAt(i / 8.0, jet(i / 8.0));
    p.fillRect(bar, g);
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(bar.adjusted(0, 0, -1, -1));
    p.setPen(palette().color(QPalette::WindowText));
    for (double v : {0.0, 0.5, 1.0}) {
        const int x = bar.left() + int(std::lround(v * (bar.width() - 1)));
        p.drawLine(x, bar.bottom() + 1, x, bar.bottom() + 3);
        const QString t = QLocale().toString(v, 'g', 2);
        const int w = fm.horizontalAdvance(t);
        p.drawText(QRect(x - w / 2 - 1, bar.bottom() + 4, w + 2, fm.height()), Qt::AlignCenter, t);
    }
}

} // namespace dqui
