#include "views/ThumbnailDelegate.h"

#include "common/Palette.h"
#include "views/ThumbnailModel.h"

#include <QApplication>
#include <QEvent>
#include <QListView>
#include <QPainter>

#include <algorithm>

namespace dqui {

QSize ThumbnailDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    return {side_ + 12, side_ + 12 + option.fontMetrics.height() + 4};
}

void ThumbnailDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    painter->save();
    const QRect r = option.rect.adjusted(2, 2, -2, -2);
    const bool selected = option.state & QStyle::State_Selected;
    painter->fillRect(r, selected ? option.palette.highlight() : option.palette.base());
    const QRect pic(r.left() + (r.width() - side_) / 2, r.top() + 4, side_, side_);
    const QImage image = index.data(Qt::DecorationRole).value<QImage>();
    if (image.isNull()) {
        painter->fillRect(pic, QColor(236, 236, 236));
    } else {
        const QSize s = image.size().scaled(pic.size(), Qt::KeepAspectRatio);
        painter->drawImage(QRect(pic.left() + (pic.width() - s.width()) / 2, pic.top() + (pic.height() - s.height()) / 2,
                                 s.width(), s.height()),
                           image);
    }
    const int bin = index.data(ThumbnailModel::BinRole).toInt();
    if (bin >= 0)
        painter->fillRect(QRect(pic.left(), pic.bottom() + 1, pic.width(), 4), Palette::category(bin));
    if (index.data(ThumbnailModel::KeptRole).toBool()) {
        // A dark corner with a light tick: kept in the sample.
        const QPolygon corner(
            {pic.topRight() + QPoint(1, 0), pic.topRight() + QPoint(-15, 0), pic.topRight() + QPoint(1, 16)});
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(20, 20, 20));
        painter->drawPolygon(corner);
        painter->setPen(QPen(QColor(255, 210, 80), 1.6));
        painter->setRenderHint(QPainter::Antialiasing);
        painter->drawPolyline(
            QPolygonF({QPointF(pic.right() - 8.5, pic.top() + 4.5), QPointF(pic.right() - 6, pic.top() + 7),
                       QPointF(pic.right() - 1.5, pic.top() + 2)}));
    }
    painter->setPen(selected ? option.palette.highlightedText().color() : option.palette.text().color());
    const QRect text(r.left(), pic.bottom() + 6, r.width(), option.fontMetrics.height());
    painter->drawText(text, Qt::AlignHCenter | Qt::AlignVCenter,
                      option.fontMetrics.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight, r.width() - 2));
    painter->restore();
}

} // namespace dqui

namespace dqui {

void ThumbnailDelegate::fill(QListView* view)
{
    view_ = view;
    view->setItemDelegate(this);
    view->viewport()->installEventFilter(this);
}

bool ThumbnailDelegate::eventFilter(QObject* watched, QEvent* event)
{
    if (view_ && watched == view_->viewport() && event->type() == QEvent::Resize) {
        QStyleOptionViewItem option;
        option.fontMetrics = view_->fontMetrics();
        const QSize cell = sizeHint(option, QModelIndex()) + QSize(4, 4);
        const int width = view_->viewport()->width();
        const int columns = std::max(1, width / cell.width());
        view_->setGridSize(QSize(width / columns, cell.height()));
    }
    return QStyledItemDelegate::eventFilter(watched, event);
}

} // namespace dqui
