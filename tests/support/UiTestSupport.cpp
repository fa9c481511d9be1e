#include "UiTestSupport.h"

#include "MainWindow.h"
#include "StudioApplication.h"
#include "TestSupport.h"
#include "common/Settings.h"
#include "panels/ParametersPanel.h"
#include "panels/PixelParametersGroup.h"
#include "pipeline/Pipeline.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

namespace dqtest {

void initStudioForTest(const QTemporaryDir& tmp)
{
    dqui::Settings::useFile(tmp.filePath(QStringLiteral("settings.ini")));
    dqui::initStudio(*qApp, QStringLiteral("en"));
}

std::unique_ptr<dqui::MainWindow> makeTestWindow(const QTemporaryDir& tmp, int width, int height)
{
    auto w = std::make_unique<dqui::MainWindow>();
    w->pipeline()->setCacheDir(tmp.filePath(QStringLiteral("cache")).toStdString());
    w->resize(width, height);
    w->show();
    return w;
}

QString fashionMnistSpec() { return QStringLiteral("fashion-mnist:") + QString::fromStdString(fashionMnistDir().string()); }

void chooseFastPixelStage(dqui::ParametersPanel* panel)
{
    dqui::PixelParametersGroup* g = panel->pixelGroup();
    g->camBox()->setCurrentIndex(g->camBox()->findData(QStringLiteral("random")));
    g->reconBox()->setCurrentIndex(g->reconBox()->findData(QStringLiteral("inpaint:telea")));
}

bool saveScreenshot(QWidget* w, const char* name)
{
    const QString dir = qEnvironmentVariable("DQ_TEST_SCREENSHOTS");
    if (dir.isEmpty())
        return true;
    QTest::qWait(100); // pending layouts and repaints
    return w->grab().save(QDir(dir).filePath(QString::fromLatin1(name)));
}

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
