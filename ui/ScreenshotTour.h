#pragma once
#include <QDir>
#include <QObject>

class QWidget;

#include <functional>

namespace dqui {

class MainWindow;

// dq-studio --screenshot-tour DIR: opens Fashion-MNIST, runs all stages, and saves a
// PNG of the window at every view (the pixel view on a kept bag, the "Try it" panel, the
// export dialog, the Chinese interface) into DIR, then quits. For packaging/screenshots.sh under Xvfb.
class ScreenshotTour : public QObject {
    Q_OBJECT

public:
    ScreenshotTour(MainWindow* window, const QString& dir, QObject* parent = nullptr);
    void start();

signals:
    void done(int exitCode);

private:
    void next();
    void shoot(const QString& name, QWidget* widget = nullptr);
    void after(int ms, std::function<void()> f);
    void waitForPreview(std::function<void()> then); // the pixel view shows its sample
    void showControl(QWidget* w); // scrolls the controls to it

    MainWindow* window_;
    QDir dir_;
    QList<std::function<void()>> steps_;
};

} // namespace dqui
