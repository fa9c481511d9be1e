// DQ Studio's windows and dialogs construct empty; the typed settings table, projects,
// the parameter keys that decide what is re-run, and the dq-studio command line.
#include "TestSupport.h"
#include "UiTestSupport.h"

#include "MainWindow.h"
#include "StudioApplication.h"
#include "common/Format.h"
#include "common/Settings.h"
#include "dialogs/ExportDialog.h"
#include "dialogs/SampleDialog.h"
#include "panels/ParametersPanel.h"
#include "panels/StagePanel.h"
#include "pipeline/Pipeline.h"
#include "pipeline/Project.h"
#include "pipeline/StudioParameters.h"
#include "tour/TourPanel.h"
#include "views/ClassHistogram.h"
#include "views/HeatmapLegend.h"
#include "views/PatchPanel.h"
#include "views/PixelView.h"
#include "views/CompositionView.h"
#include "views/SampleGridView.h"
#include "views/ScatterView.h"
#include "views/StorageView.h"
#include "views/ThumbnailCache.h"

#include <QApplication>
#include <QDockWidget>
#include <QFileInfo>
#include <QJsonObject>
#include <QListView>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>

using dqui::Setting;
using dqui::Settings;
using dqui::StudioParameters;

class UiWidgetsTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;

    static QString studioPath()
    {
        return QFileInfo(QStringLiteral(DQ_CLI_PATH)).dir().filePath(QStringLiteral("dq-studio"));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        dqtest::initStudioForTest(tmp_);
    }

    void mainWindowConstructsEmpty()
    {
        dqui::MainWindow w;
        w.show();
        QCOMPARE(w.views()->count(), 8);
        QCOMPARE(w.views()->tabText(1), QStringLiteral("Embedding"));
        QVERIFY(!w.pipeline()->dataset());
        QVERIFY(w.scatterView()->cloud().size() == 0);
        QVERIFY(w.compositionView()->plottedBinTotals().empty());
        QCOMPARE(w.storageView()->keptBytes(), 0.0);
        QCOMPARE(w.stagePanel()->status(dqui::Stage::Features), dqui::StagePanel::Status::NotRun);
        // Nothing to export yet: no dialog, a message instead.
        QVERIFY(!w.openExportDialog());
        // Run all without data says so instead of failing silently.
        QSignalSpy failed(w.pipeline(), &dqui::Pipeline::stageFailed);
        w.runAll();
        QCOMPARE(failed.count(), 1);
        w.startTour();
        QVERIFY(w.tourDock()->isVisible());
        QCOMPARE(w.tourPanel()->stepCount(), 7);
        QVERIFY(Settings::boolean(Setting::TourSeen));
        w.tourPanel()->setStep(6);
        // Nothing measured yet: the last step offers the evaluation with its time.
        QVERIFY2(w.tourPanel()->bodyText().contains(QStringLiteral("minutes on a laptop")),
                 qPrintable(w.tourPanel()->bodyText()));
        w.tourPanel()->nextButton()->click(); // Done
        QVERIFY(!w.tourDock()->isVisible());
        w.close();
        QVERIFY(!Settings::value(Setting::WindowGeometry).toByteArray().isEmpty());
    }

    void dialogsAndViewsConstruct()
    {
        dqui::ExportDialog e(tmp_.path(), QStringLiteral("select_indices_X_0.125.npy"));
        e.show();
        QCOMPARE(e.choice().folder, tmp_.path());
        QVERIFY(e.choice().indices && e.choice().bins && e.choice().report);
        QVERIFY(!e.choice().images && !e.choice().quantized); // no Pixels stage yet
        e.setPixelOutputs(true);
        QVERIFY(e.choice().images && e.choice().quantized);
        e.showError(QStringLiteral("boom"));
        QCOMPARE(e.resultText(), QStringLiteral("boom"));

        dqui::SampleDialog::Info info;
        info.index = 7;
        info.className = QStringLiteral("Bag");
        info.bin = 3;
        info.bins = 10;
        info.kept = 1;
        info.image = QImage(28, 28, QImage::Format_Grayscale8);
        dqui::SampleDialog s(info);
        s.show();
        QVERIFY(s.detailsText().contains(QStringLiteral("Bag")));
        QVERIFY(s.detailsText().contains(QStringLiteral("Bin: 3 of 10")));

        dqui::ThumbnailCache cache;
        dqui::SampleGridView grid(&cache);
        grid.setResults(nullptr, nullptr, nullptr, nullptr);
        QCOMPARE(grid.view()->model()->rowCount(), 0);
        dqui::ScatterView scatter;
        scatter.setResults(nullptr, nullptr, nullptr, {});
        dqui::CompositionView composition;
        composition.setResults(nullptr, {});
        dqui::StorageView storage;
        storage.setResults(nullptr, nullptr, nullptr);
        dqui::PixelView pixels;
        pixels.setContext(nullptr, nullptr, nullptr, nullptr, StudioParameters(), {});
        pixels.show();
        QVERIFY(pixels.hintText().contains(QStringLiteral("Open a dataset")));
        QVERIFY(pixels.panel(dqui::PixelView::Original)->image().isNull());
        QVERIFY(pixels.renderFigure().isNull());
        // jet: dark blue at 0, green at 0.5, dark red at 1
        const QColor lo = dqui::HeatmapLegend::jet(0.0), mid = dqui::HeatmapLegend::jet(0.5),
                     hi = dqui::HeatmapLegend::jet(1.0);
        QVERIFY(lo.red() == 0 && lo.green() == 0 && qAbs(lo.blue() - 128) <= 1);
        QVERIFY(mid.green() == 255 && qAbs(mid.red() - mid.blue()) <= 1);
        QVERIFY(qAbs(hi.red() - 128) <= 1 && hi.green() == 0 && hi.blue() == 0);
        dqui::ClassHistogram hist;
        hist.setCounts({QStringLiteral("a"), QStringLiteral("b")}, {3, 5}, {1, 2});
        QCOMPARE(hist.plottedCounts(), (std::vector<double>{3, 5}));
        QCOMPARE(hist.plottedKept(), (std::vector<double>{1, 2}));
        dqui::TourPanel tour;
        tour.setSteps({{QStringLiteral("one"), QStringLiteral("text"), QStringLiteral("go"), {}}});
        QCOMPARE(tour.titleText(), QStringLiteral("one"));
        // The last step's button ends the tour.
        QCOMPARE(tour.nextButton()->text(), QStringLiteral("Done"));
        QVERIFY(tour.nextButton()->isEnabled());
        QSignalSpy finished(&tour, &dqui::TourPanel::finished);
        tour.nextButton()->click();
        QCOMPARE(finished.count(), 1);
    }

    void thumbnailsScaleCrisply()
    {
        dq::Image im;
        im.height = 28;
        im.width = 28;
        im.channels = 1;
        im.pixels.assign(28 * 28, 0);
        im.pixels[0] = 255;
        const QImage q = dqui::ThumbnailCache::toQImage(im, 64);
        QCOMPARE(q.size(), QSize(56, 56)); // an integer factor: pixels stay sharp
        QCOMPARE(qGray(q.pixel(1, 1)), 255);
        QCOMPARE(qGray(q.pixel(2, 2)), 0);
    }

    void settingsAreTypedWithDefaults()
    {
        QCOMPARE(Settings::string(Setting::Language), QString());
        QCOMPARE(Settings::integer(Setting::CurrentView), 0);
        Settings::setValue(Setting::CurrentView, 3);
        QCOMPARE(Settings::integer(Setting::CurrentView), 3);
        // A hand-edited value of the wrong type reads as the default.
        QSettings raw(tmp_.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        raw.setValue(Settings::key(Setting::CurrentView), QStringLiteral("three"));
        raw.sync();
        Settings::useFile(tmp_.filePath(QStringLiteral("settings.ini")));
        QCOMPARE(Settings::integer(Setting::CurrentView), 0);
        for (int i = 0; i < 15; ++i)
            Settings::pushRecent(Setting::RecentDatasets, QStringLiteral("idx:/d%1").arg(i % 12));
        const QStringList recent = Settings::stringList(Setting::RecentDatasets);
        QCOMPARE(recent.size(), 10);
        QCOMPARE(recent.first(), QStringLiteral("idx:/d2"));
        QCOMPARE(recent.count(QStringLiteral("idx:/d2")), 1);
    }

    void keysDecideWhatIsRunAgain()
    {
        const QString d = QStringLiteral("fashion-mnist|train|abc");
        StudioParameters a;
        StudioParameters b = a;
        b.device = QStringLiteral("cpu"); // changes no result
        QCOMPARE(b.featuresKey(d), a.featuresKey(d));
        QCOMPARE(b.sampleKey(d), a.sampleKey(d));
        b = a;
        b.seed = 5; // pixels do not depend on it; the sample does
        QCOMPARE(b.featuresKey(d), a.featuresKey(d));
        QCOMPARE(b.binsKey(d), a.binsKey(d));
        QVERIFY(b.sampleKey(d) != a.sampleKey(d));
        b.model = QStringLiteral("convnet");
        a.model = QStringLiteral("convnet");
        QVERIFY(b.featuresKey(d) != a.featuresKey(d)); // a network's weights do
        b = a;
        b.ratio = 0.25;
        QCOMPARE(b.binsKey(d), a.binsKey(d));
        QVERIFY(b.sampleKey(d) != a.sampleKey(d));
        b = a;
        b.bins = 5;
        QCOMPARE(b.featuresKey(d), a.featuresKey(d));
        QVERIFY(b.binsKey(d) != a.binsKey(d));
        QVERIFY(a.featuresKey(QStringLiteral("other")) != a.featuresKey(d));

        // The Pixels stage: every pixel choice and everything before it; the pixel view's
        // models: not the mask ratio nor the sample.
        b = a;
        b.maskRatio = 0.5;
        QCOMPARE(b.sampleKey(d), a.sampleKey(d));
        QVERIFY(b.pixelKey(d) != a.pixelKey(d));
        QCOMPARE(b.pixelSessionKey(d), a.pixelSessionKey(d));
        b = a;
        b.ratio = 0.25;
        QVERIFY(b.pixelKey(d) != a.pixelKey(d));
        QCOMPARE(b.pixelSessionKey(d), a.pixelSessionKey(d));
        for (auto change : std::initializer_list<std::function<void(StudioParameters&)>>{
                 [](StudioParameters& p) { p.cam = QStringLiteral("gradcam"); },
                 [](StudioParameters& p) { p.camTarget = QStringLiteral("label"); },
                 [](StudioParameters& p) { p.recon = QStringLiteral("inpaint:ns"); },
                 [](StudioParameters& p) { p.limit = 500; }, [](StudioParameters& p) { p.epochs = 3; }}) {
            b = a;
            change(b);
            QVERIFY(b.pixelKey(d) != a.pixelKey(d));
            QVERIFY(b.pixelSessionKey(d) != a.pixelSessionKey(d));
        }
        b = a;
        b.device = QStringLiteral("cpu");
        QCOMPARE(b.pixelKey(d), a.pixelKey(d));
        // The CAM classifier is the feature network; raw pixels and untrained networks get one epoch.
        StudioParameters c;
        QCOMPARE(c.camModel(), QStringLiteral("convnet"));
        QCOMPARE(c.camEpochs(), 1);
        c.model = QStringLiteral("resnet18");
        c.epochs = 4;
        QCOMPARE(c.camModel(), QStringLiteral("resnet18"));
        QCOMPARE(c.camEpochs(), 4);
        c.epochs = 0;
        QCOMPARE(c.camEpochs(), 1);
        c.weights = QStringLiteral("/w.pth");
        QCOMPARE(c.camEpochs(), 0); // trained weights given: used as they are
    }

    void parametersTravelAsJson_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("bins text") << "bins" << QJsonValue(QStringLiteral("ten")) << "bins";
        QTest::newRow("ratio 0") << "ratio" << QJsonValue(0.0) << "ratio";
        QTest::newRow("ratio 2") << "ratio" << QJsonValue(2.0) << "ratio";
        QTest::newRow("function") << "function" << QJsonValue(QStringLiteral("kmeans")) << "kmeans";
        QTest::newRow("greedy") << "greedy" << QJsonValue(QStringLiteral("fast")) << "greedy";
        QTest::newRow("seed") << "seed" << QJsonValue(QStringLiteral("x")) << "seed";
        QTest::newRow("mask ratio 1") << "mask_ratio" << QJsonValue(1.0) << "mask_ratio";
        QTest::newRow("mask ratio text") << "mask_ratio" << QJsonValue(QStringLiteral("a fifth")) << "mask_ratio";
        QTest::newRow("cam") << "cam" << QJsonValue(QStringLiteral("scorecam")) << "scorecam";
        QTest::newRow("cam target") << "cam_target" << QJsonValue(QStringLiteral("both")) << "cam_target";
        QTest::newRow("recon") << "recon" << QJsonValue(QStringLiteral("mae:")) << "recon";
        QTest::newRow("recon kind") << "recon" << QJsonValue(QStringLiteral("diffusion")) << "diffusion";
    }

    void parametersTravelAsJson()
    {
        StudioParameters p;
        p.model = QStringLiteral("resnet18");
        p.seed = 18446744073709551615ULL; // survives JSON (as text)
        p.ratio = 0.1;
        p.limit = 2000;
        p.maskRatio = 0.35;
        p.cam = QStringLiteral("gradcam");
        p.camTarget = QStringLiteral("label");
        p.recon = QStringLiteral("mae:/models/mae_visualize_vit_large_ganloss.pth");
        StudioParameters back;
        QString error;
        QVERIFY(StudioParameters::fromJson(p.toJson(), back, &error));
        QVERIFY(back == p);

        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, fragment);
        QJsonObject j = p.toJson();
        j.insert(field, value);
        StudioParameters untouched;
        QVERIFY(!StudioParameters::fromJson(j, untouched, &error));
        QVERIFY2(error.contains(fragment), qPrintable(error));
        QVERIFY(untouched == StudioParameters());
    }

    void projectsRoundTrip()
    {
        dqui::Project p;
        p.dataset = QStringLiteral("cifar10:/data/cifar-10-batches-py");
        p.parameters.bins = 7;
        p.featuresFolder = QStringLiteral("/cache/features/0123");
        p.exportFolder = QStringLiteral("out"); // relative: read relative to the project file
        QString error;
        const QString path = tmp_.filePath(QStringLiteral("p.dqproj"));
        QVERIFY2(p.save(path, &error), qPrintable(error));
        dqui::Project q;
        QVERIFY2(dqui::Project::load(path, q, &error), qPrintable(error));
        QCOMPARE(q.dataset, p.dataset);
        QVERIFY(q.parameters == p.parameters);
        QCOMPARE(q.featuresFolder, p.featuresFolder);
        QCOMPARE(q.exportFolder, tmp_.filePath(QStringLiteral("out")));
        QVERIFY(!dqui::Project::load(tmp_.filePath(QStringLiteral("missing.dqproj")), q, &error));
        QVERIFY2(error.contains(QStringLiteral("missing.dqproj")), qPrintable(error));
    }

    void formatsNumbersForPeople()
    {
        QCOMPARE(dqui::Format::pythonFloat(0.125), QStringLiteral("0.125"));
        QCOMPARE(dqui::Format::pythonFloat(0.1), QStringLiteral("0.1"));
        QCOMPARE(dqui::Format::pythonFloat(1.0), QStringLiteral("1.0"));
        QCOMPARE(dqui::Format::bytes(47040000), QStringLiteral("47.0 MB"));
        QCOMPARE(dqui::Format::bytes(512), QStringLiteral("512 B"));
        QCOMPARE(dqui::Format::duration(200), QStringLiteral("3 min 20 s"));
        QCOMPARE(dqui::Format::percent(0.125), QStringLiteral("12.5%"));
    }

    void commandLine()
    {
        QProcess p;
        p.start(studioPath(), {QStringLiteral("--help")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        const QString help = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(help.contains(QStringLiteral("--dataset")) && help.contains(QStringLiteral("PROJECT.dqproj")),
                 qPrintable(help));

        p.start(studioPath(), {QStringLiteral("a.dqproj"), QStringLiteral("--dataset"), QStringLiteral("fashion-mnist")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);

        const QString bad = tmp_.filePath(QStringLiteral("broken.dqproj"));
        dqtest::writeBytes(bad.toStdString(), "{}");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), tmp_.filePath(QStringLiteral("config")));
        p.setProcessEnvironment(env);
        p.start(studioPath(), {bad});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(bad) && err.contains(QStringLiteral("not a DQ Studio project")), qPrintable(err));
    }
};

QTEST_MAIN(UiWidgetsTest)
#include "tst_UiWidgets.moc"
