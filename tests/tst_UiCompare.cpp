// The Compare stage through DQ Studio's window: DQ and a field's method selecting from the
// same features with DQ's per-class budgets, trained by the Evaluate recipe; the plot and
// the table filled from the result; the samples a method keeps outlined in the scatter and
// offered in the grid; cancel; a method that needs a trained network named; the export's
// comparison folder and report; projects keep the choices.
#include "TestSupport.h"

#include "MainWindow.h"
#include "dialogs/ExportDialog.h"
#include "evaluation/EvaluationFolder.h"
#include "panels/EvaluateParametersGroup.h"
#include "panels/ParametersPanel.h"
#include "panels/StagePanel.h"
#include "pipeline/EvaluationText.h"
#include "pipeline/Pipeline.h"
#include "UiTestSupport.h"
#include "views/CompareChoices.h"
#include "views/ComparisonView.h"
#include "views/SampleGridView.h"
#include "views/ScatterView.h"
#include "views/ThumbnailModel.h"

#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <qcustomplot.h>

#include <algorithm>
#include <set>

namespace fs = std::filesystem;
using dqui::MainWindow;
using dqui::Pipeline;
using dqui::Stage;

class UiCompareTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    std::unique_ptr<MainWindow> w_;

    dqui::ComparisonView* view() const { return w_->comparisonView(); }
    dqui::CompareChoices* choices() const { return view()->choices(); }
    const dq::SubsetResult* subset(const std::string& name) const
    {
        for (const dq::SubsetResult& s : w_->pipeline()->comparison()->result.subsets)
            if (s.name == name)
                return &s;
        return nullptr;
    }
    void chooseOnly(const QStringList& methods)
    {
        for (int i = 0; i < choices()->methodList()->count(); ++i) {
            QListWidgetItem* item = choices()->methodList()->item(i);
            item->setCheckState(methods.contains(item->data(Qt::UserRole).toString()) ? Qt::Checked : Qt::Unchecked);
        }
    }

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
        dqui::EvaluateParametersGroup* e = p->evaluateGroup();
        e->findChild<QSpinBox*>(QStringLiteral("evalWidth"))->setValue(8);
        e->epochsBox()->setValue(1);
        e->seedsBox()->setValue(1);
        // The defaults: DQ, random, k-center and herding at four ratios.
        QCOMPARE(w_->pipeline()->parameters().compareMethodList(), QStringList({"dq", "random", "kcenter", "herding"}));
        QCOMPARE(w_->pipeline()->parameters().compareRatios, QStringLiteral("0.01,0.05,0.125,0.25"));
        QVERIFY2(view()->statusText().contains(QStringLiteral("run the comparison")), qPrintable(view()->statusText()));
    }

    void cleanupTestCase() { w_.reset(); }

    void aMethodNeedingATrainedNetworkSaysWhatToRun()
    {
        w_->showView(MainWindow::View::Compare);
        chooseOnly({"dq", "el2n"});
        const QString status = view()->statusText();
        QVERIFY2(status.contains(QStringLiteral("EL2N need the scores of a trained network")) &&
                     status.contains(QStringLiteral("1 or more training epochs")),
                 qPrintable(status));
        QSignalSpy failed(w_->pipeline(), &Pipeline::stageFailed);
        const QString err = dqtest::runAndWait(
            w_->pipeline(), [&] { w_->runStage(Stage::Compare); }, 120000);
        QVERIFY2(err.contains(QStringLiteral("EL2N need the scores of a trained network")), qPrintable(err));
        QCOMPARE(failed.last().at(0).value<Stage>(), Stage::Compare);
        QVERIFY(!w_->pipeline()->comparison());
    }

    void compareFillsThePlotAndTableFromTheResult()
    {
        chooseOnly({"dq", "kcenter"});
        choices()->ratiosEdit()->setText(QStringLiteral("0.1,0.2"));
        emit choices()->ratiosEdit()->editingFinished();
        QVERIFY(view()->statusText().contains(QStringLiteral("run the comparison")));
        QSignalSpy started(w_->pipeline(), &Pipeline::stageStarted);
        const QString err = dqtest::runAndWait(
            w_->pipeline(), [&] { QTest::mouseClick(choices()->runButton(), Qt::LeftButton); }, 300000);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        // Features (already there from the failed try) and Bins; no Sample or Pixels.
        QCOMPARE(started.last().at(0).value<Stage>(), Stage::Compare);
        for (const QList<QVariant>& s : started)
            QVERIFY(s.at(0).value<Stage>() != Stage::Sample && s.at(0).value<Stage>() != Stage::Pixel);
        QCOMPARE(w_->stagePanel()->status(Stage::Compare), dqui::StagePanel::Status::UpToDate);

        const auto c = w_->pipeline()->comparison();
        QVERIFY(c);
        QCOMPARE(c->result.subsets.size(), std::size_t(4));
        const dq::SubsetResult* dq10 = subset("dq-0.1");
        const dq::SubsetResult* kc20 = subset("kcenter-0.2");
        QVERIFY(dq10 && kc20 && subset("kcenter-0.1") && subset("dq-0.2"));
        // Every method keeps as many of every class as DQ.
        QCOMPARE(subset("kcenter-0.1")->classCounts, dq10->classCounts);
        QCOMPARE(kc20->classCounts, subset("dq-0.2")->classCounts);
        QCOMPARE(kc20->indices.size(), std::size_t(kc20->images));
        QCOMPARE(kc20->runs.size(), std::size_t(1));
        QCOMPARE(kc20->runs[0].epochs.size(), std::size_t(1)); // the Evaluate recipe's one epoch
        QVERIFY(kc20->finalAccuracy.mean > 0.0 && kc20->finalAccuracy.mean <= 1.0);

        // The table: methods x ratios, each cell the result's accuracy.
        QTableWidget* t = view()->table();
        QCOMPARE(t->rowCount(), 2);
        QCOMPARE(t->columnCount(), 3);
        QCOMPARE(t->horizontalHeaderItem(1)->text(), QStringLiteral("10%"));
        QCOMPARE(t->horizontalHeaderItem(2)->text(), QStringLiteral("20%"));
        QCOMPARE(t->item(0, 0)->text(), QStringLiteral("DQ"));
        QCOMPARE(t->item(1, 0)->text(), QStringLiteral("k-center greedy"));
        QCOMPARE(t->item(0, 1)->text(), dqui::EvaluationText::accuracy(dq10->finalAccuracy, 1));
        QCOMPARE(t->item(1, 2)->text(), dqui::EvaluationText::accuracy(kc20->finalAccuracy, 1));
        // The plot: per method a band (two graphs) and the mean line, at the ratios in %.
        QCustomPlot* plot = view()->plot();
        QCOMPARE(plot->graphCount(), 2 * 3);
        QCPGraph* kcMean = plot->graph(5);
        QCOMPARE(kcMean->name(), QStringLiteral("k-center greedy"));
        QCOMPARE(kcMean->dataCount(), 2);
        QCOMPARE(kcMean->data()->at(1)->key, 20.0);
        QCOMPARE(kcMean->data()->at(1)->value, 100.0 * kc20->finalAccuracy.mean);
        QVERIFY2(view()->headlineText().contains(QStringLiteral("At 10% DQ")), qPrintable(view()->headlineText()));
        QVERIFY(view()->statusText().isEmpty());
        QVERIFY(dqtest::saveScreenshot(w_.get(), "compare.png"));
    }

    void showKeptByOutlinesTheMethodsSamples()
    {
        QVERIFY(w_->pipeline()->comparison());
        const dq::SubsetResult* kc20 = subset("kcenter-0.2");
        QVERIFY(kc20);
        QComboBox* by = view()->keptByBox();
        QCOMPARE(by->count(), 3); // none, DQ, k-center
        view()->keptRatioBox()->setCurrentIndex(view()->keptRatioBox()->findText(QStringLiteral("20%")));
        by->setCurrentIndex(by->findData(QStringLiteral("kcenter")));
        QCOMPARE(view()->keptIndices(), kc20->indices);
        // The scatter outlines exactly those samples.
        const dqui::PointCloud& cloud = w_->scatterView()->cloud();
        QCOMPARE(cloud.compared.size(), std::size_t(1000));
        std::vector<std::int64_t> outlined;
        for (std::size_t i = 0; i < cloud.compared.size(); ++i)
            if (cloud.compared[i])
                outlined.push_back(static_cast<std::int64_t>(i));
        QCOMPARE(outlined, kc20->indices);
        QCOMPARE(w_->scatterView()->comparedName(), QStringLiteral("k-center greedy at 20%"));
        // The grid offers them, and those DQ's sample does not keep.
        dqui::SampleGridView* grid = w_->sampleGrid();
        grid->setShow(dqui::SampleGridView::Show::Compared);
        QCOMPARE(grid->model()->rowCount(), static_cast<int>(kc20->indices.size()));
        for (int r = 0; r < grid->model()->rowCount(); ++r)
            QCOMPARE(grid->model()->sampleAt(r), kc20->indices[static_cast<std::size_t>(r)]);
        w_->showView(MainWindow::View::Embedding);
        QVERIFY(dqtest::saveScreenshot(w_.get(), "compare-scatter.png"));
        w_->showView(MainWindow::View::Compare);
        by->setCurrentIndex(0); // none
        QVERIFY(w_->scatterView()->cloud().compared.empty());
        QCOMPARE(grid->model()->rowCount(), 1000); // back to all images
        by->setCurrentIndex(by->findData(QStringLiteral("kcenter")));
    }

    void cancelStopsTheRunAndKeepsTheLastResult()
    {
        QVERIFY(w_->pipeline()->comparison());
        const auto before = w_->pipeline()->comparison();
        choices()->setMethodChecked(QStringLiteral("herding"), true);
        choices()->ratiosEdit()->setText(QStringLiteral("0.1,0.2,0.3"));
        emit choices()->ratiosEdit()->editingFinished();
        QCOMPARE(w_->stagePanel()->status(Stage::Compare), dqui::StagePanel::Status::Outdated);
        QVERIFY2(view()->statusText().contains(QStringLiteral("belong to other parameters")),
                 qPrintable(view()->statusText()));
        bool cancelEnabled = false;
        connect(w_->pipeline(), &Pipeline::stageStarted, this, [&](Stage s) {
            if (s != Stage::Compare)
                return;
            QTimer::singleShot(300, this, [&] {
                cancelEnabled = choices()->cancelButton()->isEnabled();
                QTest::mouseClick(choices()->cancelButton(), Qt::LeftButton);
            });
        });
        const QString err = dqtest::runAndWait(
            w_->pipeline(), [&] { w_->runStage(Stage::Compare); }, 120000);
        disconnect(w_->pipeline(), &Pipeline::stageStarted, this, nullptr);
        QCOMPARE(err, QStringLiteral("cancelled"));
        QVERIFY(cancelEnabled);
        QCOMPARE(w_->pipeline()->comparison(), before);
        QCOMPARE(w_->stagePanel()->status(Stage::Compare), dqui::StagePanel::Status::Cancelled);
        QVERIFY(!choices()->cancelButton()->isEnabled());
        QVERIFY(choices()->runButton()->isEnabled());
        // Back to the choices the result was made with: current again.
        choices()->setMethodChecked(QStringLiteral("herding"), false);
        choices()->ratiosEdit()->setText(QStringLiteral("0.1,0.2"));
        emit choices()->ratiosEdit()->editingFinished();
        QVERIFY(w_->pipeline()->isUpToDate(Stage::Compare));
    }

    void exportWritesTheComparison()
    {
        QVERIFY(w_->pipeline()->comparison());
        // The export needs the Sample stage too.
        QString err = dqtest::runAndWait(w_->pipeline(), [&] { w_->runStage(Stage::Sample); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QVERIFY(w_->pipeline()->isUpToDate(Stage::Compare));
        dqui::ExportDialog* d = w_->openExportDialog();
        QVERIFY(d);
        const QString out = tmp_.filePath(QStringLiteral("export"));
        d->findChild<QLineEdit*>(QStringLiteral("exportFolder"))->setText(out);
        err = dqtest::runAndWait(w_->pipeline(), [&] { QTest::mouseClick(d->exportButton(), Qt::LeftButton); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        const fs::path root = out.toStdString();
        const dq::EvaluationResult back = dq::readEvaluationJson(root / "comparison" / dq::kEvaluationManifest);
        QCOMPARE(back.subsets.size(), std::size_t(4));
        std::set<std::string> names;
        for (const dq::SubsetResult& s : back.subsets)
            names.insert(s.name);
        QCOMPARE(names, (std::set<std::string>{"dq-0.1", "kcenter-0.1", "dq-0.2", "kcenter-0.2"}));
        QCOMPARE(back.subsets[1].finalAccuracy.mean, w_->pipeline()->comparison()->result.subsets[1].finalAccuracy.mean);
        QVERIFY(fs::is_regular_file(root / "comparison" / "curves.csv"));
        QVERIFY(fs::is_regular_file(root / "report" / "comparison.png"));
        QFile html(QString::fromStdString((root / "report" / "index.html").string()));
        QVERIFY(html.open(QIODevice::ReadOnly));
        const QString page = QString::fromUtf8(html.readAll());
        QVERIFY(page.contains(QStringLiteral("DQ against the field")));
        QVERIFY(page.contains(QStringLiteral("k-center greedy")));
        QVERIFY(page.contains(QStringLiteral("comparison.png")));
        const dq::SubsetResult* kc20 = subset("kcenter-0.2");
        QVERIFY(page.contains(dqui::EvaluationText::accuracy(kc20->finalAccuracy, 1).toHtmlEscaped()));
    }

    void projectsKeepTheCompareChoices()
    {
        dqui::StudioParameters p = w_->pipeline()->parameters();
        QCOMPARE(p.compareMethods, QStringLiteral("dq,kcenter"));
        p.compareScore = QStringLiteral("forgetting");
        dqui::StudioParameters back;
        QString error;
        QVERIFY2(dqui::StudioParameters::fromJson(p.toJson(), back, &error), qPrintable(error));
        QCOMPARE(back.compareMethods, QStringLiteral("dq,kcenter"));
        QCOMPARE(back.compareRatios, QStringLiteral("0.1,0.2"));
        QCOMPARE(back.compareScore, QStringLiteral("forgetting"));
        QJsonObject bad = p.toJson();
        bad.insert(QStringLiteral("compare_methods"), QStringLiteral("dq,coreset9"));
        QVERIFY(!dqui::StudioParameters::fromJson(bad, back, &error));
        QVERIFY2(error.contains(QStringLiteral("compare_methods")) && error.contains(QStringLiteral("coreset9")),
                 qPrintable(error));
        bad = p.toJson();
        bad.insert(QStringLiteral("compare_ratios"), QStringLiteral("0.1,0"));
        QVERIFY(!dqui::StudioParameters::fromJson(bad, back, &error));
        QVERIFY2(error.contains(QStringLiteral("compare_ratios")), qPrintable(error));
    }
};

QTEST_MAIN(UiCompareTest)
#include "tst_UiCompare.moc"
