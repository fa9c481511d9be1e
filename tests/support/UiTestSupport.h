#pragma once
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

namespace dqui {
class Pipeline;
}

namespace dqtest {

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
