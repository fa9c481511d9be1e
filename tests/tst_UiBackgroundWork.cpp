// Long stages run off the GUI thread: Cancel stops them at once and leaves the window
// usable and nothing half-written; the GUI thread never stalls for long during a run.
#include "TestSupport.h"

#include "MainWindow.h"
#include "StudioApplication.h"
#include "common/Settings.h"
#include "datasets/DatasetSpec.h"
#include "features/FeatureExtractor.h"
#include "panels/MessageBar.h"
#include "panels/ParametersPanel.h"
#include "panels/PixelParametersGroup.h"
#include "panels/StagePanel.h"
#include "panels/StatusPanel.h"
#include "UiTestSupport.h"
#include "pipeline/Pipeline.h"
#include "views/SampleGridView.h"
#include "views/ScatterView.h"

#include <QApplication>
#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <functional>
#include <memory>

using dqui::Pipeline;
using dqui::Stage;

using dqtest::StallMeter;

class UiBackgroundWorkTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    std::unique_ptr<dqui::MainWindow> w_;

    void setModel(const char* model, int limit)
    {
        dqui::ParametersPanel* p = w_->parametersPanel();
        p->modelBox()->setCurrentIndex(p->modelBox()->findData(QString::fromLatin1(model)));
        p->limitBox()->setValue(limit);
        // The Pixels stage without networks to train: random patch scores, inpainting.
        dqtest::chooseFastPixelStage(p);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        dqtest::initStudioForTest(tmp_);
        w_ = dqtest::makeTestWindow(tmp_, 1200, 800);
        const QString err = dqtest::runAndWait(w_->pipeline(), [&] { w_->openDataset(dqtest::fashionMnistSpec()); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
    }

    void cleanupTestCase() { w_.reset(); }

    void cancelStopsALongStageAndTheAppStaysUsable()
    {
        setModel("convnet", 20000); // about a minute of CPU work
        QSignalSpy progress(w_->pipeline(), &Pipeline::progress);
        QSignalSpy cancelled(w_->pipeline(), &Pipeline::stageCancelled);
        w_->runAll();
        QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty(), 30000);
        QVERIFY(w_->pipeline()->isBusy());
        QTest::qWait(300);
        QVERIFY(w_->statusPanel()->cancelButton()->isVisible());
        QElapsedTimer t;
        t.start();
        QTest::mouseClick(w_->statusPanel()->cancelButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, 10000);
        const qint64 ms = t.elapsed();
        qInfo("cancelled %lld ms after the click", ms);
        QVERIFY2(ms < 3000, qPrintable(QString::number(ms)));
        QCOMPARE(cancelled.first().at(0).value<Stage>(), Stage::Features);
        QVERIFY(!w_->pipeline()->isBusy());
        QVERIFY(!w_->pipeline()->features());
        QCOMPARE(w_->stagePanel()->status(Stage::Features), dqui::StagePanel::Status::Cancelled);
        QVERIFY(w_->messageBar()->isVisible());
        QVERIFY(w_->stagePanel()->runAllButton()->isEnabled());

        // No half-written cache entry: the same parameters find nothing cached.
        dq::FeatureParams p;
        p.model = "convnet";
        p.limit = 20000;
        p.cacheDir = tmp_.filePath(QStringLiteral("cache")).toStdString();
        QVERIFY(!dq::findCachedFeatures(w_->pipeline()->dataset()->train(), p));

        // The window works on: a quick run after the cancelled one.
        setModel("pixels", 1500);
        const QString err = dqtest::runAndWait(w_->pipeline(), [&] { w_->runAll(); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(w_->pipeline()->sample()->result.datasetSize, std::int64_t(1500));
        QCOMPARE(w_->stagePanel()->status(Stage::Features), dqui::StagePanel::Status::UpToDate);
    }

    void theGuiThreadNeverStallsDuringARun()
    {
        // Every image of Fashion-MNIST: 60,000 points, a 60,000-cell grid, 10 bins, and the
        // 7,500 kept images through the Pixels stage.
        setModel("pixels", 0);
        w_->showView(dqui::MainWindow::View::Embedding);
        StallMeter meter;
        QElapsedTimer t;
        t.start();
        const QString err = dqtest::runAndWait(w_->pipeline(), [&] { w_->runAll(); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        w_->showView(dqui::MainWindow::View::Samples);
        QTest::qWait(300);
        w_->showView(dqui::MainWindow::View::Embedding);
        QTest::qWait(300);
        qInfo("run of %lld ms: longest GUI-thread stall %.1f ms", t.elapsed(), meter.longestMs());
        QCOMPARE(w_->scatterView()->cloud().size(), std::int64_t(60000));
        QCOMPARE(w_->pipeline()->pixel()->result.images, std::int64_t(7500));
        QVERIFY2(meter.longestMs() < 100, qPrintable(QString::number(meter.longestMs())));
    }
};

QTEST_MAIN(UiBackgroundWorkTest)
#include "tst_UiBackgroundWork.moc"
