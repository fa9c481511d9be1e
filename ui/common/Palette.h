#pragma once
#include <QColor>
#include <QVector>

namespace dqui {

// Colours of bins and classes: Tableau 10 for the first ten (distinct and colour-blind
// friendly), then evenly spaced hues.
struct Palette {
    static QColor category(int i);
    static QVector<QRgb> categories(int n);
    static QColor unassigned() { return QColor(160, 160, 160); }
    static QColor selected() { return QColor(20, 20, 20); }
};

} // namespace dqui
