#pragma once
#include <QStyledItemDelegate>

class QListView;

namespace dqui {

// One grid cell: the thumbnail, a strip in its bin's colour, a mark on kept samples
// and the class name.
class ThumbnailDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    explicit ThumbnailDelegate(int side, QObject* parent = nullptr) : QStyledItemDelegate(parent), side_(side) { }
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    // Installs this delegate on `view` (icon mode) and keeps the view's grid cells as wide
    // as fills its whole width: no empty strip on the right.
    void fill(QListView* view);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    int side_;
    QListView* view_ = nullptr;
};

} // namespace dqui
