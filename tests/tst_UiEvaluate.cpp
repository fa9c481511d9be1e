// The Evaluate stage through DQ Studio's window: fresh networks trained on the kept images,
// their reconstruction and a random twin, with live curves, the table and the sentence;
// figures marked stale when the parameters change; the export's evaluation folder and
// report; projects keep the evaluation's parameters.
#include "TestSupport.h"

#include "MainWindow.h"
#include "dialogs/ExportDialog.h"
#include "evaluation/EvaluationFolder.h"
#include "panels/EvaluateParametersGroup.h"
#include "panels/ParametersPanel.h"
#include "panels/StagePanel.h"
#include "pipeline/Pipeline.h"
#include "UiTestSupport.h"
#include "views/EvaluationView.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

namespace fs = std::filesystem;
using dqui::MainWindow;
using dqui::Pipeline;
using dqui::Stage;

class UiEvaluateTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    std::unique_ptr<MainWindow> w_;

    dqui::EvaluateParametersGroup* group() const { return w_->parametersPanel()->evaluateGroup(); }
    dqui::EvaluationView* view() const { return w_->evaluationView(); }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        dqtest::initStudioForTest(tmp_);
        w_ = dqtest::makeTestWindow(tmp_, 1360, 860);
        QString err = dqtest::runAndWait(w_->pipeline(), [&] { w_->openDataset(dqtest::fashionMnistSpec()); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        dqui::ParametersPanel* p = w_->parametersPanel();
        p->modelBox()->setCurrentIndex(p->modelBox()->findData(QStringLiteral("pixels")));
        p->limitBox()->setValue(1000);
        p->ratioBox()->setValue(0.2);
        dqtest::chooseFastPixelStage(p);
        // The defaults: ConvNet-3, three seeds, random and reconstructed compared.
        QCOMPARE(group()->modelBox()->currentData().toString(), QStringLiteral("convnet"));
        QCOMPARE(group()->seedsBox()->value(), 3);
        group()->findChild<QSpinBox*>(QStringLiteral("evalWidth"))->setValue(8);
        group()->epochsBox()->setValue(2);
        group()->seedsBox()->setValue(2);
        QVERIFY(view()->statusText().contains(QStringLiteral("Run the Evaluate stage")));
    }

    void cleanupTestCase() { w_.reset(); }

    void evaluateRunsWithLiveCurves()
    {
        QSignalSpy epochs(w_->pipeline(), &Pipeline::evaluationEpoch);
        QSignalSpy started(w_->pipeline(), &Pipeline::stageStarted);
        w_->showView(MainWindow::View::Evaluate);
        // Features, Bins, Sample and Pixels run first: the Evaluate stage needs them.
        const QString err = dqtest::runAndWait(
            w_->pipeline(), [&] { QTest::mouseClick(w_->stagePanel()->runButton(Stage::Evaluate), Qt::LeftButton); },
            300000);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(started.count(), 5);
        QCOMPARE(started.last().at(0).value<Stage>(), Stage::Evaluate);
        QCOMPARE(epochs.count(), 3 * 2 * 2); // subsets x seeds x epochs, live

        const auto e = w_->pipeline()->evaluation();
        QVERIFY(e);
        const auto& subsets = e->result.subsets;
        QCOMPARE(subsets.size(), std::size_t(3));
        QCOMPARE(subsets[0].name, std::string("dq"));
        QCOMPARE(subsets[1].name, std::string("dq-reconstructed"));
        QCOMPARE(subsets[2].name, std::string("random-dq"));
        const auto kept = static_cast<std::int64_t>(w_->pipeline()->sample()->result.indices.size());
        for (const auto& s : subsets) {
            QCOMPARE(s.images, kept);
            QCOMPARE(s.runs.size(), std::size_t(2));
            QVERIFY2(s.finalAccuracy.mean > 0.3, s.name.c_str()); // 10 classes: chance is 0.1
        }
        QCOMPARE(subsets[2].classCounts, subsets[0].classCounts);
        QCOMPARE(w_->stagePanel()->status(Stage::Evaluate), dqui::StagePanel::Status::UpToDate);

        QCOMPARE(view()->table()->rowCount(), 3);
        QCOMPARE(view()->table()->item(0, 1)->text(), QString::number(kept));
        QVERIFY(view()->table()->item(0, 2)->text().contains(QStringLiteral("±")));
        QCOMPARE(view()->curvesPlot()->graphCount(), 3 * 3); // mean and band edges per subset
        QCOMPARE(view()->curvesPlot()->graph(2)->dataCount(), 2);
        QVERIFY(!view()->sweepPlot()->isVisible()); // no sweep asked for
        const QString headline = view()->headlineText();
        QVERIFY2(headline.contains(QStringLiteral("%1 images chosen by DQ teach").arg(kept)) &&
                     headline.contains(QStringLiteral("chosen at random")),
                 qPrintable(headline));
        QVERIFY(view()->statusText().isEmpty());
        // The pixel readout says what the reconstruction cost in training, measured.
        const QString readout = w_->parametersPanel()->readoutText();
        QVERIFY2(readout.contains(QStringLiteral("Trained on the reconstructed images a fresh network reached")),
                 qPrintable(readout));
        QVERIFY(dqtest::saveScreenshot(w_.get(), "evaluate.png"));
    }

    void changedParametersMarkTheFiguresStale()
    {
        group()->epochsBox()->setValue(3);
        QCOMPARE(w_->stagePanel()->status(Stage::Evaluate), dqui::StagePanel::Status::Outdated);
        QVERIFY2(view()->statusText().contains(QStringLiteral("belong to other parameters")),
                 qPrintable(view()->statusText()));
        group()->epochsBox()->setValue(2);
        QCOMPARE(w_->stagePanel()->status(Stage::Evaluate), dqui::StagePanel::Status::UpToDate);
        QVERIFY(view()->statusText().isEmpty());
    }

    void runningAgainReadsTheCache()
    {
        // A new seed count: seeds 0 and 1 come from core's run cache, seed 2 trains.
        group()->seedsBox()->setValue(3);
        const QString err = dqtest::runAndWait(
            w_->pipeline(), [&] { w_->runStage(Stage::Evaluate); }, 300000);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        const auto& runs = w_->pipeline()->evaluation()->result.subsets[0].runs;
        QCOMPARE(runs.size(), std::size_t(3));
        QVERIFY(runs[0].fromCache && runs[1].fromCache && !runs[2].fromCache);
    }

    void exportWritesTheEvaluation()
    {
        dqui::ExportDialog* d = w_->openExportDialog();
        QVERIFY(d);
        const QString out = tmp_.filePath(QStringLiteral("export"));
        d->findChild<QLineEdit*>(QStringLiteral("exportFolder"))->setText(out);
        const QString err =
            dqtest::runAndWait(w_->pipeline(), [&] { QTest::mouseClick(d->exportButton(), Qt::LeftButton); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        const fs::path root = out.toStdString();
        const dq::EvaluationResult back = dq::readEvaluationJson(root / "evaluation" / dq::kEvaluationManifest);
        QCOMPARE(back.subsets.size(), std::size_t(3));
        QCOMPARE(back.subsets[0].finalAccuracy.mean, w_->pipeline()->evaluation()->result.subsets[0].finalAccuracy.mean);
        QVERIFY(fs::is_regular_file(root / "evaluation" / "curves.csv"));
        QVERIFY(fs::is_regular_file(root / "report" / "evaluation.png"));
        QFile html(QString::fromStdString((root / "report" / "index.html").string()));
        QVERIFY(html.open(QIODevice::ReadOnly));
        const QString page = QString::fromUtf8(html.readAll());
        QVERIFY(page.contains(QStringLiteral("How well the kept images train")));
        QVERIFY(page.contains(QStringLiteral("images chosen by DQ teach")));
        QVERIFY(page.contains(QStringLiteral("evaluation.png")));
    }

    void projectsKeepTheEvaluationParameters()
    {
        dqui::StudioParameters p = w_->pipeline()->parameters();
        p.evalRatios = QStringLiteral("0.05,0.25");
        p.evalFull = true;
        dqui::StudioParameters back;
        QString error;
        QVERIFY2(dqui::StudioParameters::fromJson(p.toJson(), back, &error), qPrintable(error));
        QCOMPARE(back.evalRatios, QStringLiteral("0.05,0.25"));
        QVERIFY(back.evalFull);
        QCOMPARE(back.evalSeeds, 3);
        QJsonObject bad = p.toJson();
        bad.insert(QStringLiteral("eval_ratios"), QStringLiteral("0.1,1.5"));
        QVERIFY(!dqui::StudioParameters::fromJson(bad, back, &error));
        QVERIFY2(error.contains(QStringLiteral("eval_ratios")) && error.contains(QStringLiteral("1.5")), qPrintable(error));
        bad = p.toJson();
        bad.insert(QStringLiteral("eval_model"), QStringLiteral("vit"));
        QVERIFY(!dqui::StudioParameters::fromJson(bad, back, &error));
        QVERIFY(error.contains(QStringLiteral("eval_model")));
    }
};

QTEST_MAIN(UiEvaluateTest)
#include "tst_UiEvaluate.moc"
