// Rules of DQ Studio's window that a new user meets at once: the mouse wheel changes only
// the focused field, the window's shortcuts work from any field, one Cancel stops every
// job the window started, every view says when its figures are being computed or belong
// to other parameters, a restart reopens the last dataset and parameters (and Quit offers
// to save the project), ResNet-18 without weights says so, and the Bins view shows what
// differs between bins.
#include "TestSupport.h"
#include "UiTestSupport.h"

#include "MainWindow.h"
#include "common/Settings.h"
#include "common/WheelGuard.h"
#include "panels/DatasetPanel.h"
#include "panels/FreshnessBar.h"
#include "panels/MessageBar.h"
#include "panels/ParametersPanel.h"
#include "panels/PixelParametersGroup.h"
#include "panels/StatusPanel.h"
#include "pipeline/Pipeline.h"
#include "views/CompositionView.h"
#include "views/PatchPanel.h"
#include "views/PixelPreviewer.h"
#include "views/PixelView.h"
#include "views/StorageView.h"

#include <qcustomplot.h>

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QScrollBar>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using dqui::MainWindow;

namespace {

class ClaimingLineEdit : public QLineEdit {
public:
    using QLineEdit::QLineEdit;

protected:
    bool event(QEvent* e) override
    {
        if (e->type() == QEvent::ShortcutOverride && (static_cast<QKeyEvent*>(e)->modifiers() & Qt::ControlModifier)) {
            e->accept();
            return true;
        }
        return QLineEdit::event(e);
    }
};

} // namespace
using dqui::Pipeline;
using dqui::Stage;

class UiWindowRulesTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;

    static bool wheel(QWidget* w, int steps)
    {
        QWheelEvent e(QPointF(w->width() / 2.0, w->height() / 2.0),
                      w->mapToGlobal(QPointF(w->width() / 2.0, w->height() / 2.0)), QPoint(), QPoint(0, 120 * steps),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(w, &e);
        return e.isAccepted();
    }

    static std::unique_ptr<MainWindow> activeWindow(const QTemporaryDir& tmp)
    {
        auto w = dqtest::makeTestWindow(tmp, 1360, 860);
        w->activateWindow();
        if (!QTest::qWaitForWindowActive(w.get()))
            qWarning("the window did not become active");
        return w;
    }

    // Opens Fashion-MNIST's first `limit` images with raw pixels.
    static void openSmall(MainWindow& w, int limit)
    {
        const QString err = dqtest::runAndWait(w.pipeline(), [&] { w.openDataset(dqtest::fashionMnistSpec()); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        auto* p = w.parametersPanel();
        p->modelBox()->setCurrentIndex(p->modelBox()->findData(QStringLiteral("pixels")));
        p->limitBox()->setValue(limit);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        dqtest::initStudioForTest(tmp_);
    }

    void theWheelChangesOnlyTheFocusedField()
    {
        auto w = activeWindow(tmp_);
        QSpinBox* bins = w->parametersPanel()->binsBox();
        QComboBox* model = w->parametersPanel()->modelBox();
        QSlider* mask = w->parametersPanel()->pixelGroup()->maskRatioSlider();
        for (QWidget* f : std::initializer_list<QWidget*>{bins, model, mask}) {
            QCOMPARE(f->focusPolicy(), Qt::StrongFocus); // passing over it with the wheel gives it no focus
            QVERIFY(dqui::WheelGuard::isGuarded(f));
        }
        const int k = bins->value();
        const int m = model->currentIndex();
        const int r = mask->value();
        w->datasetPanel()->setFocus();
        // Unfocused: the event is left to the panel's scroll area, the values stay.
        QVERIFY(!wheel(bins, -2));
        QVERIFY(!wheel(model, -1));
        QVERIFY(!wheel(mask, 3));
        QCOMPARE(bins->value(), k);
        QCOMPARE(model->currentIndex(), m);
        QCOMPARE(mask->value(), r);
        QCOMPARE(w->pipeline()->parameters().bins, k);
        // Focused: the wheel steps the value, as users expect.
        bins->setFocus();
        QTRY_VERIFY(bins->hasFocus());
        wheel(bins, -2);
        QVERIFY(bins->value() != k);
        QCOMPARE(w->pipeline()->parameters().bins, bins->value());
        // Scroll bars still follow the wheel without focus.
        QVERIFY(!dqui::WheelGuard::isGuarded(new QScrollBar(w.get())));
    }

    void windowShortcutsWorkFromAFocusedField()
    {
        auto w = activeWindow(tmp_);
        auto* spec = w->findChild<QLineEdit*>(QStringLiteral("datasetSpec"));
        QVERIFY(spec);
        // Under X11 a line edit claims Ctrl+E (end of line) through ShortcutOverride; the
        // offscreen platform's key bindings do not, so this field claims every control key
        // the way X11's line edits claim theirs.
        auto* claiming = new ClaimingLineEdit(w->datasetPanel());
        claiming->setObjectName(QStringLiteral("claiming"));
        claiming->show();
        for (QWidget* field : std::initializer_list<QWidget*>{spec, claiming, w->parametersPanel()->binsBox(),
                                                              w->parametersPanel()->ratioBox()}) {
            w->messageBar()->hide();
            field->setFocus();
            QTRY_VERIFY(field->hasFocus());
            // Ctrl+E: Export, which without results says what to do first.
            QTest::keyClick(field, Qt::Key_E, Qt::ControlModifier);
            QVERIFY2(w->messageBar()->isVisible() && w->messageBar()->text().contains(QStringLiteral("nothing to export")),
                     qPrintable(field->objectName() + QStringLiteral(": ") + w->messageBar()->text()));
            // Ctrl+R: Run all, which without data fails at once.
            QSignalSpy failed(w->pipeline(), &Pipeline::stageFailed);
            QTest::keyClick(field, Qt::Key_R, Qt::ControlModifier);
            QCOMPARE(failed.count(), 1);
        }
    }

    void oneCancelStopsEveryJobOfTheWindow()
    {
        auto w = activeWindow(tmp_);
        openSmall(*w, 600);
        dqui::PixelView* view = w->pixelView();
        QAction* cancel = nullptr;
        for (QAction* a : w->findChildren<QAction*>())
            if (a->shortcut() == QKeySequence(Qt::Key_Escape))
                cancel = a;
        QVERIFY(cancel);
        QVERIFY(!cancel->isEnabled());

        // The pixel view prepares its models (the heatmap's network, the compact MAE): the
        // image itself shows at once, and the status bar shows the work with its Cancel.
        w->showView(MainWindow::View::Pixels);
        QVERIFY(view->isWorking());
        QCOMPARE(view->panel(dqui::PixelView::Original)->image().size(), QSize(28, 28));
        QVERIFY(cancel->isEnabled());
        QVERIFY(w->statusPanel()->cancelButton()->isVisible());
        QVERIFY2(w->statusPanel()->stageText().contains(QStringLiteral("Pixels preview")),
                 qPrintable(w->statusPanel()->stageText()));
        // Esc stops it.
        QTest::keyClick(w.get(), Qt::Key_Escape);
        QVERIFY(!view->isWorking());
        QVERIFY(!cancel->isEnabled());
        QVERIFY(!w->statusPanel()->cancelButton()->isVisible());
        QVERIFY2(view->hintText().startsWith(QStringLiteral("Cancelled")), qPrintable(view->hintText()));

        // Opened again it prepares again; a stage started meanwhile stops that preparation
        // (the stage trains the network the view then loads), and one Cancel stops the stage.
        w->showView(MainWindow::View::Storage);
        w->showView(MainWindow::View::Pixels);
        QVERIFY(view->isWorking());
        auto* p = w->parametersPanel();
        p->modelBox()->setCurrentIndex(p->modelBox()->findData(QStringLiteral("convnet")));
        QSignalSpy cancelled(w->pipeline(), &Pipeline::stageCancelled);
        w->runAll();
        QVERIFY(w->pipeline()->isBusy());
        QVERIFY(!view->isWorking());
        QVERIFY(cancel->isEnabled());
        QTest::mouseClick(w->statusPanel()->cancelButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, 10000);
        QVERIFY(!w->pipeline()->isBusy());
        // Nothing left running, and the preview does not start again on its own.
        QTest::qWait(200);
        QVERIFY(!view->isWorking());
        QVERIFY(!cancel->isEnabled());
    }

    void viewsSayWhenTheirFiguresAreNotCurrent()
    {
        auto w = activeWindow(tmp_);
        openSmall(*w, 1000);
        dqui::FreshnessBar* bar = w->freshnessBar();
        w->showView(MainWindow::View::Embedding);
        QSignalSpy started(w->pipeline(), &Pipeline::stageStarted);
        QString err = dqtest::runAndWait(w->pipeline(), [&] {
            w->runStage(Stage::Sample);
            // While Features runs the Embedding view says it is being computed.
            QCOMPARE(bar->state(), dqui::FreshnessBar::State::Computing);
            QVERIFY(bar->isVisible());
            QVERIFY2(bar->text().contains(QStringLiteral("Features")), qPrintable(bar->text()));
        });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(bar->state(), dqui::FreshnessBar::State::Current);
        QVERIFY(!bar->isVisible());
        // New bins: the Bins, Embedding, Samples and Dataset views now show other parameters'.
        w->parametersPanel()->binsBox()->setValue(4);
        for (auto v : {MainWindow::View::Bins, MainWindow::View::Embedding, MainWindow::View::Samples}) {
            w->showView(v);
            QCOMPARE(bar->state(), dqui::FreshnessBar::State::Outdated);
            QVERIFY2(bar->text().contains(QStringLiteral("Bins")), qPrintable(bar->text()));
        }
        w->showView(MainWindow::View::Dataset); // its kept-per-class bars come from the sample
        QCOMPARE(bar->state(), dqui::FreshnessBar::State::Outdated);
        QVERIFY2(bar->text().contains(QStringLiteral("Sample")), qPrintable(bar->text()));
        QVERIFY(dqtest::saveScreenshot(w.get(), "outdated-bins.png"));
        // The Pixels stage's figures on the Storage view follow the mask ratio.
        dqtest::chooseFastPixelStage(w->parametersPanel());
        w->parametersPanel()->binsBox()->setValue(10);
        err = dqtest::runAndWait(w->pipeline(), [&] { w->runStage(Stage::Pixel); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        w->showView(MainWindow::View::Storage);
        QCOMPARE(bar->state(), dqui::FreshnessBar::State::Current);
        w->parametersPanel()->pixelGroup()->maskRatioBox()->setValue(0.5);
        QCOMPARE(bar->state(), dqui::FreshnessBar::State::Outdated);
        QVERIFY2(bar->text().contains(QStringLiteral("Pixels")), qPrintable(bar->text()));
        const QString storage = w->storageView()->findChild<QLabel*>()->text();
        QVERIFY2(!storage.contains(QStringLiteral("39 of 49")), qPrintable(storage)); // not the old run's patches
    }

    void theBinsViewShowsWhatDiffersBetweenBins()
    {
        auto w = activeWindow(tmp_);
        openSmall(*w, 2000);
        w->parametersPanel()->binsBox()->setValue(5);
        const QString err = dqtest::runAndWait(w->pipeline(), [&] { w->runStage(Stage::Bins); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        w->showView(MainWindow::View::Bins);
        dqui::CompositionView* v = w->compositionView();
        QCOMPARE(v->rows()->rowCount(), 5);
        QVERIFY2(v->summaryText().contains(QStringLiteral("balanced form")), qPrintable(v->summaryText()));
        // Statistics that differ from bin to bin; the first bin's members are the most typical.
        QSet<QString> similarities;
        for (int b = 0; b < 5; ++b)
            similarities << v->cellText(b, dqui::CompositionView::SimilarityColumn);
        QCOMPARE(similarities.size(), 5);
        const auto& profiles = w->pipeline()->bins()->profiles;
        QVERIFY(profiles.front().meanSimilarity > profiles.back().meanSimilarity);
        // The remainder has no objective, and the view says why.
        QCOMPARE(v->cellText(4, dqui::CompositionView::ObjectiveColumn), QStringLiteral("none (the rest)"));
        bool ok = false;
        QLocale().toDouble(v->cellText(0, dqui::CompositionView::ObjectiveColumn), &ok);
        QVERIFY(ok);
        const auto ticks = qSharedPointerDynamicCast<QCPAxisTickerText>(v->plot()->xAxis->ticker());
        QVERIFY(ticks && ticks->ticks().value(4).contains(QStringLiteral("not chosen")));
        // A row of member thumbnails per bin: one per class.
        QTRY_VERIFY_WITH_TIMEOUT(v->thumbnailsShown(0) == 10 && v->thumbnailsShown(4) == 10, 10000);
        // Axes fitted to the bars: 400 per bin, not a range of thousands.
        QVERIFY(v->plot()->yAxis->range().upper < 400 * 1.2);
        QVERIFY(dqtest::saveScreenshot(w.get(), "bins-rows.png"));
    }

    void aRestartReopensTheLastDatasetAndParameters()
    {
        {
            auto w = activeWindow(tmp_);
            openSmall(*w, 700);
            w->parametersPanel()->binsBox()->setValue(7);
            w->parametersPanel()->ratioBox()->setValue(0.2);
            QVERIFY(w->hasUnsavedProject());
            // Quit offers to save; Cancel keeps the window, Discard closes it.
            QVERIFY(!w->close());
            auto* box = w->findChild<QMessageBox*>(QStringLiteral("saveOnQuit"));
            QVERIFY(box);
            QTRY_VERIFY(box->isVisible());
            box->button(QMessageBox::Cancel)->click();
            QTRY_VERIFY(!w->findChild<QMessageBox*>(QStringLiteral("saveOnQuit"))); // closed and gone
            QVERIFY(w->isVisible());
            QVERIFY(!w->close());
            box = w->findChild<QMessageBox*>(QStringLiteral("saveOnQuit"));
            QTRY_VERIFY(box && box->isVisible());
            box->button(QMessageBox::Discard)->click();
            QTRY_VERIFY(!w->isVisible());
        }
        auto w = activeWindow(tmp_);
        QCOMPARE(w->parametersPanel()->binsBox()->value(), 10); // a bare window: the defaults
        QVERIFY(w->restoreLastSession());
        QTRY_VERIFY_WITH_TIMEOUT(w->pipeline()->dataset() && !w->pipeline()->isBusy(), 60000);
        QCOMPARE(w->pipeline()->dataset()->spec, dqtest::fashionMnistSpec());
        QCOMPARE(w->parametersPanel()->binsBox()->value(), 7);
        QCOMPARE(w->pipeline()->parameters().bins, 7);
        QCOMPARE(w->pipeline()->parameters().ratio, 0.2);
        QCOMPARE(w->pipeline()->parameters().limit, 700);
        QVERIFY(w->messageBar()->text().contains(QStringLiteral("Reopened")));
        // A project saved: nothing to ask on quit.
        QString e;
        QVERIFY2(w->saveProject(tmp_.filePath(QStringLiteral("p.dqproj")), &e), qPrintable(e));
        QVERIFY(!w->hasUnsavedProject());
        QVERIFY(w->close());
    }

    void aBadSpecSaysWhatIsAcceptedAndKeepsTheOpenDataset()
    {
        auto w = activeWindow(tmp_);
        openSmall(*w, 500);
        auto* spec = w->findChild<QLineEdit*>(QStringLiteral("datasetSpec"));
        QVERIFY(spec);
        spec->setText(QStringLiteral("bogus:/nowhere"));
        const QString err = dqtest::runAndWait(w->pipeline(), [&] { w->openDataset(spec->text()); });
        QVERIFY2(err.contains(QStringLiteral("text:DATA.json")), qPrintable(err)); // every form DQ Studio opens
        QCOMPARE(w->pipeline()->dataset()->spec, dqtest::fashionMnistSpec());
        QCOMPARE(spec->text(), dqtest::fashionMnistSpec()); // the field shows what stays open
        // The seed is a JSON number, as in dq's own files.
        dqui::StudioParameters p;
        p.seed = 7;
        QVERIFY(p.toJson().value(QStringLiteral("seed")).isDouble());
        dqui::StudioParameters back;
        QVERIFY(dqui::StudioParameters::fromJson(p.toJson(), back, nullptr));
        QCOMPARE(back.seed, quint64(7));
    }

    void aNetworkWithoutWeightsOrEpochsSaysSo()
    {
        dqui::ParametersPanel panel;
        panel.show();
        QVERIFY(panel.randomWeightsWarning().isEmpty()); // raw pixels
        dqui::StudioParameters p;
        p.model = QStringLiteral("resnet18");
        p.epochs = 0;
        panel.setParameters(p);
        QVERIFY2(panel.randomWeightsWarning().contains(QStringLiteral("random weights")),
                 qPrintable(panel.randomWeightsWarning()));
        p.epochs = 2;
        panel.setParameters(p);
        QVERIFY(panel.randomWeightsWarning().isEmpty());
        p.epochs = 0;
        p.weights = QStringLiteral("/tmp/w.pth");
        panel.setParameters(p);
        QVERIFY(panel.randomWeightsWarning().isEmpty());
    }
};

QTEST_MAIN(UiWindowRulesTest)
#include "tst_UiWindowRules.moc"
