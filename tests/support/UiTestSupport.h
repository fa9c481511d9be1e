#pragma once
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>

class QTemporaryDir;
class QWidget;

namespace dqui {
class MainWindow;
class ParametersPanel;
class Pipeline;
} // namespace dqui

namespace dqtest {

// DQ Studio for a test: its settings in `tmp` (never the user's), English.
void initStudioForTest(const QTemporaryDir& tmp);
// A shown main window of width x height whose pipeline caches in `tmp`/cache.
std::unique_ptr<dqui::MainWindow> makeTestWindow(const QTemporaryDir& tmp, int width, int height);
// "fashion-mnist:<the Debian package's folder>".
QString fashionMnistSpec();
// The Pixels stage without networks to train: random patch scores, Telea inpainting.
void chooseFastPixelStage(dqui::ParametersPanel* panel);
// With DQ_TEST_SCREENSHOTS=DIR (run under xvfb-run to see them), saves a picture of `w`
// as DIR/name; false only when that fails.
bool saveScreenshot(QWidget* w, const char* name);

// Calls start() and waits (events running) until the pipeline finishes, fails or is
// cancelled; returns what went wrong ("failed: <message>", "cancelled", "timed out") or
// an empty string.
QString runAndWait(dqui::Pipeline* pipeline, const std::function<void()>& start, int timeoutMs = 120000);

// The longest time between two ticks of a 5 ms timer on the GUI thread, from construction:
// how long the window could not react.
class StallMeter : public QObject {
public:
    StallMeter();
    double longestMs() const { return longest_ / 1e6; }

private:
    QTimer timer_;
    QElapsedTimer clock_;
    qint64 last_ = 0, longest_ = 0;
};

} // namespace dqtest
