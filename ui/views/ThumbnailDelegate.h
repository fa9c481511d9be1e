#pragma once
#include <QStyledItemDelegate>

namespace dqui {

// One grid cell: the thumbnail, a strip in its bin's colour, a mark on kept samples
// and the class name.
class ThumbnailDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    explicit ThumbnailDelegate(int side, QObject* parent = nullptr) : QStyledItemDelegate(parent), side_(side) {}
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    int side_;
};

} // namespace dqui
