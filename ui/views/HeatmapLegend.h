#pragma once
#include <QColor>
#include <QWidget>

namespace dqui {

// The colour scale of the GradCAM heatmap, as a horizontal bar with its values: the jet
// colours from 0 (dark blue: the network ignored it) to 1 (dark red: it looked there
// most), as core's overlay draws them.
class HeatmapLegend : public QWidget {
    Q_OBJECT

public:
    explicit HeatmapLegend(QWidget* parent = nullptr);
    static QColor jet(double v); // v in [0, 1]

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
};

} // namespace dqui
