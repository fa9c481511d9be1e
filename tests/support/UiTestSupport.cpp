#include "UiTestSupport.h"

#include "pipeline/Pipeline.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

namespace dqtest {

QString runAndWait(dqui::Pipeline* p, const std::function<void()>& start, int timeoutMs)
{
    QSignalSpy done(p, &dqui::Pipeline::runFinished), failed(p, &dqui::Pipeline::stageFailed),
        cancelled(p, &dqui::Pipeline::stageCancelled);
    start();
    QElapsedTimer t;
    t.start();
    while (done.isEmpty() && failed.isEmpty() && cancelled.isEmpty() && t.elapsed() < timeoutMs)
        QTest::qWait(20);
    if (!failed.isEmpty())
        return QStringLiteral("failed: ") + failed.first().at(1).toString();
    if (!cancelled.isEmpty())
        return QStringLiteral("cancelled");
    return done.isEmpty() ? QStringLiteral("timed out") : QString();
}

StallMeter::StallMeter()
{
    timer_.setInterval(5);
    timer_.setTimerType(Qt::PreciseTimer);
    connect(&timer_, &QTimer::timeout, this, [this] {
        const qint64 now = clock_.nsecsElapsed();
        longest_ = std::max(longest_, now - last_);
        last_ = now;
    });
    clock_.start();
    last_ = clock_.nsecsElapsed();
    timer_.start();
}

} // namespace dqtest
