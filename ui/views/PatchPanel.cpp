#include "views/PatchPanel.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace dqui {

PatchPanel::PatchPanel(QWidget* parent) : QWidget(parent)
{
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void PatchPanel::setImage(const QImage& image)
{
    image_ = image;
    update();
}

void PatchPanel::setGrid(int rows, int cols, std::vector<int> dropped)
{
    rows_ = rows;
    cols_ = cols;
    dropped_ = std::move(dropped);
    update();
}

void PatchPanel::clear()
{
    image_ = QImage();
    setGrid(0, 0);
}

QRect PatchPanel::imageRect() const
{
    if (image_.isNull())
        return {};
    const QRect area = rect().adjusted(2, 2, -2, -2);
    const double fit = std::min(double(area.width()) / image_.width(), double(area.height()) / image_.height());
    QSize size;
    if (std::max(image_.width(), image_.height()) <= 64 && fit >= 1.0) {
        const int f = static_cast<int>(std::floor(fit)); // whole factors keep the pixels square
        size = image_.size() * f;
    } else {
        size = QSize(std::max(1, int(image_.width() * fit)), std::max(1, int(image_.height() * fit)));
    }
    QRect r(QPoint(0, 0), size);
    r.moveCenter(area.center());
    return r;
}

void PatchPanel::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    const QRect r = imageRect();
    if (r.isEmpty()) {
        p.setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DashLine));
        p.drawRect(rect().adjusted(2, 2, -3, -3));
        return;
    }
    const bool small = std::max(image_.width(), image_.height()) <= 64;
    p.setRenderHint(QPainter::SmoothPixmapTransform, !small);
    p.drawImage(r, image_);
    if (rows_ > 0 && cols_ > 0) {
        // Patch edges where the patches cut the image (patchOfPixel's centre rule).
        const auto x = [&](int c) { return r.left() + int(std::lround(double(c) * r.width() / cols_)); };
        const auto y = [&](int row) { return r.top() + int(std::lround(double(row) * r.height() / rows_)); };
        QBrush hatch(QColor(198, 40, 40, 200), Qt::BDiagPattern);
        for (int id : dropped_) {
            const int row = id / cols_, col = id % cols_;
            const QRect cell(QPoint(x(col), y(row)), QPoint(x(col + 1) - 1, y(row + 1) - 1));
            p.fillRect(cell, hatch);
        }
        p.setPen(QPen(QColor(255, 255, 255, 110), 1));
        for (int c = 1; c < cols_; ++c)
            p.drawLine(x(c), r.top(), x(c), r.bottom());
        for (int row = 1; row < rows_; ++row)
            p.drawLine(r.left(), y(row), r.right(), y(row));
    }
    p.setPen(QPen(palette().color(QPalette::Mid), 1));
    p.drawRect(r.adjusted(-1, -1, 0, 0));
}

} // namespace dqui
