#include "common/WheelGuard.h"

#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QEvent>

namespace dqui {

void WheelGuard::install(QApplication& app)
{
    if (app.findChild<WheelGuard*>(QString(), Qt::FindDirectChildrenOnly))
        return;
    app.installEventFilter(new WheelGuard(&app));
}

bool WheelGuard::isGuarded(const QWidget* w)
{
    // Scroll bars are sliders too, but they are meant to follow the wheel.
    return w && (qobject_cast<const QAbstractSpinBox*>(w) || qobject_cast<const QComboBox*>(w) ||
                 (qobject_cast<const QAbstractSlider*>(w) && !w->inherits("QScrollBar")));
}

bool WheelGuard::takesWheel(const QWidget* w) { return !isGuarded(w) || w->hasFocus(); }

bool WheelGuard::eventFilter(QObject* watched, QEvent* event)
{
    if (!watched->isWidgetType())
        return false;
    auto* w = static_cast<QWidget*>(watched);
    if (event->type() == QEvent::Polish && isGuarded(w) && w->focusPolicy() == Qt::WheelFocus)
        w->setFocusPolicy(Qt::StrongFocus);
    else if (event->type() == QEvent::Wheel && !takesWheel(w)) {
        // Not accepted: QApplication hands the event on to the parents (the scroll area).
        event->ignore();
        return true;
    }
    return false;
}

} // namespace dqui
