// The whole DQ pipeline driven through DQ Studio's window, as a user does it: open
// Fashion-MNIST, set the parameters in the panel, Run all, look at the views, export,
// save and reopen the project. A 2,000-image subset with pixel features, random patch
// scores and inpainting (no networks to train: tst_UiPixel has those) keeps it short.
#include "TestSupport.h"

#include "MainWindow.h"
#include "StudioApplication.h"
#include "bins/BinSampler.h"
#include "bins/BinsFolder.h"
#include "common/AtomicFile.h"
#include "common/Format.h"
#include "common/Settings.h"
#include "dialogs/ExportDialog.h"
#include "io/Npy.h"
#include "panels/DatasetPanel.h"
#include "panels/MessageBar.h"
#include "panels/ParametersPanel.h"
#include "panels/PixelParametersGroup.h"
#include "panels/StagePanel.h"
#include "UiTestSupport.h"
#include "pipeline/Pipeline.h"
#include "views/ClassHistogram.h"
#include "views/CompositionView.h"
#include "views/DatasetView.h"
#include "views/SampleGridView.h"
#include "views/ScatterView.h"
#include "views/StorageView.h"
#include "views/ThumbnailModel.h"

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>
#include <memory>

namespace fs = std::filesystem;
using dqui::Pipeline;
using dqui::Stage;

namespace {

template <typename T>
std::vector<T> npyVector(const fs::path& p)
{
    return dq::readNpy(p).toVector<T>();
}

} // namespace

class UiPipelineTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    std::unique_ptr<dqui::MainWindow> w_;
    QString spec_;

    std::unique_ptr<dqui::MainWindow> makeWindow() { return dqtest::makeTestWindow(tmp_, 1200, 800); }

    void setParameters(dqui::MainWindow& w)
    {
        dqui::ParametersPanel* p = w.parametersPanel();
        p->modelBox()->setCurrentIndex(p->modelBox()->findData(QStringLiteral("pixels")));
        p->limitBox()->setValue(2000);
        p->binsBox()->setValue(10);
        p->ratioBox()->setValue(0.125);
        dqtest::chooseFastPixelStage(p);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        dqtest::initStudioForTest(tmp_);
        spec_ = dqtest::fashionMnistSpec();
        w_ = makeWindow();
    }

    void cleanupTestCase() { w_.reset(); }

    void opensTheDatasetFromTheSpecField()
    {
        auto* edit = w_->datasetPanel()->findChild<QLineEdit*>(QStringLiteral("datasetSpec"));
        QVERIFY(edit);
        edit->setText(spec_);
        const QString err = dqtest::runAndWait(w_->pipeline(), [&] { QTest::keyClick(edit, Qt::Key_Return); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(w_->pipeline()->dataset()->size(), std::int64_t(60000));
        const std::vector<double> counts = w_->datasetView()->histogram()->plottedCounts();
        QCOMPARE(counts, std::vector<double>(10, 6000.0));
        QCOMPARE(w_->datasetView()->model()->rowCount(), 60000);
        QVERIFY(dqui::Settings::stringList(dqui::Setting::RecentDatasets).contains(spec_));
    }

    void runAllThroughThePanel()
    {
        setParameters(*w_);
        QSignalSpy started(w_->pipeline(), &Pipeline::stageStarted);
        const QString err =
            dqtest::runAndWait(w_->pipeline(), [&] { QTest::mouseClick(w_->stagePanel()->runAllButton(), Qt::LeftButton); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(started.count(), 4); // Features, Bins, Sample, Pixels

        const auto f = w_->pipeline()->features();
        const auto b = w_->pipeline()->bins();
        const auto s = w_->pipeline()->sample();
        QVERIFY(f && b && s);
        QCOMPARE(f->rows, std::int64_t(2000));
        QCOMPARE(f->dim, std::int64_t(784));
        QCOMPARE(b->bins.size(), std::size_t(10));

        // The scatter holds every image, coloured by its bin.
        QCOMPARE(w_->scatterView()->cloud().size(), std::int64_t(2000));
        QCOMPARE(w_->scatterView()->cloud().colorIndex, b->binOf);
        // The composition bars add up to each bin's size, and to the subset.
        const std::vector<double> totals = w_->compositionView()->plottedBinTotals();
        QCOMPARE(totals.size(), std::size_t(10));
        double all = 0;
        for (std::size_t k = 0; k < 10; ++k) {
            QCOMPARE(totals[k], double(b->bins[k].size()));
            all += totals[k];
        }
        QCOMPARE(all, 2000.0);

        // The bins are those of the command line on the same subset.
        const QString cliBins = tmp_.filePath(QStringLiteral("cli-bins"));
        const auto r = dqtest::runCli({"bins", "--dataset", spec_, "--limit", "2000", "--bins", "10", "--out", cliBins});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(dq::readBinsFolder(cliBins.toStdString()).bins, b->bins);

        // The sample is dq::sampleBins's, and the views count it.
        const dq::SampleResult expected = dq::sampleBins(b->bins, b->labels, 2000, 0.125, 0);
        QCOMPARE(s->result.indices, expected.indices);
        const qint64 kept = static_cast<qint64>(expected.indices.size());
        QVERIFY(kept > 200 && kept < 300);
        w_->sampleGrid()->setShow(dqui::SampleGridView::Show::Kept);
        QCOMPARE(w_->sampleGrid()->model()->rowCount(), int(kept));
        const QString tip = w_->sampleGrid()->model()->data(w_->sampleGrid()->model()->index(0), Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("Bin: ")) && tip.contains(QStringLiteral("Kept")), qPrintable(tip));
        w_->sampleGrid()->setShow(dqui::SampleGridView::Show::All);
        w_->sampleGrid()->setBinFilter(3);
        QCOMPARE(w_->sampleGrid()->model()->rowCount(), int(b->bins[3].size()));
        w_->sampleGrid()->setBinFilter(-1);
        double keptPlotted = 0;
        for (double v : w_->datasetView()->histogram()->plottedKept())
            keptPlotted += v;
        QCOMPARE(keptPlotted, double(kept));
        QCOMPARE(w_->storageView()->keptBytes(), double(kept) * 784);
        QCOMPARE(w_->storageView()->originalBytes(), 2000.0 * 784);
        QVERIFY2(w_->parametersPanel()->readoutText().contains(dqui::Format::count(kept)),
                 qPrintable(w_->parametersPanel()->readoutText()));
        // Pixels: int(49 * 0.8) = 39 of the 7 x 7 patches of every kept image.
        const auto px = w_->pipeline()->pixel();
        QVERIFY(px);
        QCOMPARE(qint64(px->result.images), kept);
        QCOMPARE(px->result.keptPatches, 39);
        QCOMPARE(w_->storageView()->storedBytes(), double(px->result.storedBytes));
        QVERIFY(px->result.storedBytes < px->result.originalBytes);
        QVERIFY2(w_->parametersPanel()->readoutText().contains(QStringLiteral("39 of 49 patches")),
                 qPrintable(w_->parametersPanel()->readoutText()));
        for (Stage st : {Stage::Features, Stage::Bins, Stage::Sample, Stage::Pixel})
            QCOMPARE(w_->stagePanel()->status(st), dqui::StagePanel::Status::UpToDate);
    }

    void eachKindOfDataHasItsStageTable()
    {
        // Image data: every stage runs, each after the stages it reads.
        const dqui::DatasetState& images = *w_->pipeline()->dataset();
        const dqui::StudioParameters& params = w_->pipeline()->parameters();
        QList<Stage> order;
        for (const dqui::StageEntry& e : w_->pipeline()->stages().entries()) {
            QVERIFY(e.key && e.inputs && e.resultKey && e.makeJob);
            QVERIFY(!e.unavailable || e.unavailable(&images).isEmpty());
            for (Stage input : e.inputs(params, images))
                QVERIFY2(order.contains(input), qPrintable(dqui::StageInfo::name(e.stage)));
            order << e.stage;
        }
        QCOMPARE(order, dqui::StageInfo::runnable());
        // The views' freshness bars follow the stages whose entries name them.
        QCOMPARE(w_->pipeline()->stagesShownIn(dqui::View::Samples), (QList<Stage>{Stage::Bins, Stage::Sample}));
        QCOMPARE(w_->pipeline()->stagesShownIn(dqui::View::Storage), (QList<Stage>{Stage::Sample, Stage::Pixel}));
        QVERIFY(w_->pipeline()->stagesShownIn(dqui::View::Evaluate).isEmpty());

        // Precomputed features: the same first three stages; the others only say why not.
        dqui::DatasetState features;
        features.images = false;
        const dqui::StageSet set = dqui::StageSet::forData(features);
        QCOMPARE(set.entries().size(), dqui::StageInfo::runnable().size());
        for (Stage st : {Stage::Features, Stage::Bins, Stage::Sample})
            QVERIFY(set.find(st) && set.find(st)->makeJob);
        for (Stage st : {Stage::Pixel, Stage::Evaluate, Stage::Compare}) {
            const dqui::StageEntry* e = set.find(st);
            QVERIFY(e && !e->makeJob && !e->key);
            QVERIFY(!e->unavailable(&features).isEmpty());
        }
    }

    void unchangedStagesAreNotRunAgain()
    {
        QSignalSpy started(w_->pipeline(), &Pipeline::stageStarted), skipped(w_->pipeline(), &Pipeline::stageSkipped);
        QString err = dqtest::runAndWait(w_->pipeline(), [&] { w_->runAll(); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(started.count(), 0);
        QCOMPARE(skipped.count(), 4);

        // A new ratio runs the Sample stage and the Pixels stage after it, nothing before.
        const auto features = w_->pipeline()->features();
        w_->parametersPanel()->ratioBox()->setValue(0.25);
        QCOMPARE(w_->stagePanel()->status(Stage::Sample), dqui::StagePanel::Status::Outdated);
        QCOMPARE(w_->stagePanel()->status(Stage::Bins), dqui::StagePanel::Status::UpToDate);
        started.clear();
        err = dqtest::runAndWait(w_->pipeline(), [&] { w_->runAll(); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(started.count(), 2);
        QCOMPARE(started.first().at(0).value<Stage>(), Stage::Sample);
        QCOMPARE(started.last().at(0).value<Stage>(), Stage::Pixel);
        QCOMPARE(w_->pipeline()->features(), features);
        w_->parametersPanel()->ratioBox()->setValue(0.125);
        err = dqtest::runAndWait(w_->pipeline(), [&] { w_->runAll(); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
    }

    void exportWritesFilesThatLoad()
    {
        dqui::ExportDialog* d = w_->openExportDialog();
        QVERIFY(d);
        const QString out = tmp_.filePath(QStringLiteral("export"));
        d->findChild<QLineEdit*>(QStringLiteral("exportFolder"))->setText(out);
        QSignalSpy exported(w_->pipeline(), &Pipeline::exported);
        QString err = dqtest::runAndWait(w_->pipeline(), [&] { QTest::mouseClick(d->exportButton(), Qt::LeftButton); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(exported.count(), 1);
        QVERIFY2(d->resultText().contains(out), qPrintable(d->resultText()));

        const fs::path root = out.toStdString();
        const fs::path indices = root / "select_indices_FashionMNIST_0.125.npy";
        QVERIFY(fs::exists(indices));
        QCOMPARE(dq::readNpy(indices).dtype, dq::DType::Int64);
        QCOMPARE(npyVector<std::int64_t>(indices), w_->pipeline()->sample()->result.indices);
        const dq::BinsFolderContent bins = dq::readBinsFolder(root / "bins");
        QCOMPARE(bins.bins, w_->pipeline()->bins()->bins);
        QCOMPARE(bins.datasetSize, std::int64_t(2000));
        const QString html = QString::fromStdString(dq::readFileBytes(root / "report" / "index.html"));
        QVERIFY(html.contains(QStringLiteral("<img src=\"embedding.png\"")));
        for (const char* png : {"embedding.png", "bins.png", "classes.png", "storage.png"}) {
            const QImage image(QString::fromStdString((root / "report" / png).string()));
            QVERIFY2(!image.isNull() && image.width() >= 900, png);
        }
        const QJsonObject params =
            QJsonDocument::fromJson(QByteArray::fromStdString(dq::readFileBytes(root / "report" / "parameters.json")))
                .object();
        QCOMPARE(params.value(QStringLiteral("format")).toString(), QStringLiteral("dq-studio-report"));
        QCOMPARE(params.value(QStringLiteral("parameters")).toObject().value(QStringLiteral("limit")).toInt(), 2000);

        // Exporting again replaces our own files; a folder that is not ours is refused.
        err = dqtest::runAndWait(w_->pipeline(), [&] { QTest::mouseClick(d->exportButton(), Qt::LeftButton); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        const QString other = tmp_.filePath(QStringLiteral("other"));
        dqtest::writeBytes(fs::path(other.toStdString()) / "bins" / "mine.txt", "keep me");
        d->setFolder(other);
        err = dqtest::runAndWait(w_->pipeline(), [&] { QTest::mouseClick(d->exportButton(), Qt::LeftButton); });
        QVERIFY2(err.contains(QStringLiteral("refusing to replace")), qPrintable(err));
        QVERIFY(d->resultText().contains(QStringLiteral("refusing to replace")));
        QVERIFY(fs::exists(fs::path(other.toStdString()) / "bins" / "mine.txt"));
        QVERIFY(!w_->pipeline()->isBusy());
        d->close();
    }

    void projectReopensWithTheSameResults()
    {
        const QString project = tmp_.filePath(QStringLiteral("study.dqproj"));
        QString error;
        QVERIFY2(w_->saveProject(project, &error), qPrintable(error));
        QVERIFY(dqui::Settings::stringList(dqui::Setting::RecentProjects).contains(project));

        auto w2 = makeWindow();
        QString err = dqtest::runAndWait(w2->pipeline(), [&] { QVERIFY(w2->openProject(project, &error)); });
        QVERIFY2(err.isEmpty(), qPrintable(err + error));
        QVERIFY(w2->pipeline()->parameters() == w_->pipeline()->parameters());
        QCOMPARE(w2->parametersPanel()->limitBox()->value(), 2000);
        err = dqtest::runAndWait(w2->pipeline(), [&] { w2->runAll(); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QVERIFY(w2->pipeline()->features()->result.fromCache); // nothing computed twice
        QVERIFY(w2->pipeline()->bins()->fromCache);
        QVERIFY(w2->pipeline()->pixel()->fromCache);
        QCOMPARE(w2->pipeline()->pixel()->result.storedBytes, w_->pipeline()->pixel()->result.storedBytes);
        QCOMPARE(w2->pipeline()->bins()->bins, w_->pipeline()->bins()->bins);
        QCOMPARE(w2->pipeline()->sample()->result.indices, w_->pipeline()->sample()->result.indices);
    }

    void badProjectsAreRefusedWithTheFileName()
    {
        const QString bad = tmp_.filePath(QStringLiteral("bad.dqproj"));
        dqtest::writeBytes(bad.toStdString(),
                           "{\"format\": \"dq-project\", \"format_version\": 1, \"dataset\": \"fashion-mnist\","
                           " \"parameters\": {\"bins\": \"ten\"}}");
        QString error;
        QVERIFY(!w_->openProject(bad, &error));
        QVERIFY2(error.contains(bad) && error.contains(QStringLiteral("bins")), qPrintable(error));
        dqtest::writeBytes(bad.toStdString(), "not json");
        QVERIFY(!w_->openProject(bad, &error));
        QVERIFY2(error.contains(QStringLiteral("not a DQ Studio project")), qPrintable(error));
    }

    void aBadSpecIsShownInline()
    {
        const QString err =
            dqtest::runAndWait(w_->pipeline(), [&] { w_->openDataset(QStringLiteral("idx:/no/such/folder")); });
        QVERIFY2(err.startsWith(QStringLiteral("failed: ")) && err.contains(QStringLiteral("/no/such/folder")),
                 qPrintable(err));
        QVERIFY(w_->messageBar()->isVisible());
        QVERIFY(w_->pipeline()->dataset()); // the open dataset stays
    }
};

QTEST_MAIN(UiPipelineTest)
#include "tst_UiPipeline.moc"
