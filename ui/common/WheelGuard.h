#pragma once
#include <QObject>

class QApplication;
class QWidget;

namespace dqui {

// Spin boxes, sliders and combo boxes take the mouse wheel only when they have the
// keyboard focus: scrolling a panel over them scrolls the panel instead of changing a
// parameter. Installed once on the application (initStudio); it also gives every such
// widget Qt::StrongFocus, so that the wheel never focuses one by passing over it.
class WheelGuard : public QObject {
    Q_OBJECT

public:
    // Installs the guard on `app` (once; later calls do nothing).
    static void install(QApplication& app);
    // Whether the wheel may change `w` now (false: the event goes to its parents).
    static bool takesWheel(const QWidget* w);
    static bool isGuarded(const QWidget* w);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    using QObject::QObject;
};

} // namespace dqui
