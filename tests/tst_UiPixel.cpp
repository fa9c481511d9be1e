// The Pixels stage and the pixel view, driven through DQ Studio's window: the view opened
// before the stage prepares its models in the background, the stage runs (GradCAM++ and
// the compact MAE, trained on a 600-image subset for one epoch), the view's slider
// recomputes one image at once without stalling the window, the export writes images and
// quantized storage that load, projects keep the pixel parameters, Cancel in the middle
// of the stage leaves the window usable, and instruction data has no Pixels stage.
#include "TestSupport.h"

#include "MainWindow.h"
#include "StudioApplication.h"
#include "common/AtomicFile.h"
#include "common/Format.h"
#include "common/Settings.h"
#include "datasets/DatasetSpec.h"
#include "dialogs/ExportDialog.h"
#include "panels/ParametersPanel.h"
#include "panels/PixelParametersGroup.h"
#include "panels/StagePanel.h"
#include "panels/StatusPanel.h"
#include "pipeline/Pipeline.h"
#include "pipeline/PixelStage.h"
#include "pixel/PixelSession.h"
#include "pixel/internal/QuantizedReader.h"
#include "pixel/internal/ReconstructionFolder.h"
#include "UiTestSupport.h"
#include "views/PatchPanel.h"
#include "views/PixelPreviewer.h"
#include "views/PixelView.h"
#include "pixel/CodecComparison.h"
#include "views/CodecComparisonPanel.h"
#include "views/StorageView.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QImage>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace fs = std::filesystem;
using dqui::MainWindow;
using dqui::Pipeline;
using dqui::PixelView;
using dqui::Stage;

class UiPixelTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    std::unique_ptr<MainWindow> w_;

    static constexpr int kLimit = 600;

    std::unique_ptr<MainWindow> makeWindow() { return dqtest::makeTestWindow(tmp_, 1360, 860); }
    dqui::PixelParametersGroup* group(MainWindow& w) const { return w.parametersPanel()->pixelGroup(); }
    static void choose(QComboBox* box, const char* value)
    {
        box->setCurrentIndex(box->findData(QString::fromLatin1(value)));
    }
    PixelView* view() const { return w_->pixelView(); }

    // Waits until the view shows `index` at `maskRatio` and nothing is being computed.
    bool waitForPreview(qint64 index, double maskRatio, int timeoutMs = 20000) const
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            const auto p = view()->preview();
            if (p && p->index == index && std::abs(p->maskRatio - maskRatio) < 1e-9 && !view()->previewer()->isComputing())
                return true;
            QTest::qWait(10);
        }
        return false;
    }

    void screenshot(const char* name) const { QVERIFY(dqtest::saveScreenshot(w_.get(), name)); }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        dqtest::initStudioForTest(tmp_);
        w_ = makeWindow();
        const QString spec = dqtest::fashionMnistSpec();
        QString err = dqtest::runAndWait(w_->pipeline(), [&] { w_->openDataset(spec); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        dqui::ParametersPanel* p = w_->parametersPanel();
        p->modelBox()->setCurrentIndex(p->modelBox()->findData(QStringLiteral("pixels")));
        p->limitBox()->setValue(kLimit); // the CAM network and the compact MAE learn from these
        p->binsBox()->setValue(10);
        p->ratioBox()->setValue(0.125);
        QCOMPARE(group(*w_)->maskRatioBox()->value(), 0.2); // the paper's defaults
        QCOMPARE(group(*w_)->camBox()->currentData().toString(), QStringLiteral("gradcam++"));
        QCOMPARE(group(*w_)->reconBox()->currentData().toString(), QStringLiteral("mae-compact"));
        err = dqtest::runAndWait(w_->pipeline(), [&] { w_->runStage(Stage::Sample); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QVERIFY(!w_->pipeline()->pixel());
    }

    void cleanupTestCase() { w_.reset(); }

    void theReadoutCountsTheKeptPatches()
    {
        // 28 x 28 images in 4-pixel patches: 7 x 7 = 49, of which int(49 * 0.8) = 39 stay.
        const QString text = w_->parametersPanel()->readoutText();
        QVERIFY2(text.contains(QStringLiteral("(39 of 49 patches)")), qPrintable(text));
        group(*w_)->maskRatioBox()->setValue(0.5);
        QVERIFY2(w_->parametersPanel()->readoutText().contains(QStringLiteral("(24 of 49 patches)")),
                 qPrintable(w_->parametersPanel()->readoutText()));
        group(*w_)->maskRatioSlider()->setValue(20); // the slider drives the number
        QCOMPARE(group(*w_)->maskRatioBox()->value(), 0.2);
        QVERIFY(w_->parametersPanel()->readoutText().contains(QStringLiteral("(39 of 49 patches)")));
        QCOMPARE(w_->pipeline()->parameters().maskRatio, 0.2);
    }

    void theViewPreparesItsModelsInTheBackground()
    {
        // Opened before the Pixels stage ran: the view trains or loads its own models on a
        // worker and says so, and the window stays responsive meanwhile.
        w_->showView(MainWindow::View::Pixels);
        QVERIFY(view()->previewer()->isBuilding());
        QCoreApplication::processEvents(); // the tab's first paint (about 10 ms) is not the work measured
        dqtest::StallMeter meter;
        QVERIFY2(view()->hintText().contains(QStringLiteral("Preparing the preview")), qPrintable(view()->hintText()));
        const qint64 first = w_->pipeline()->sample()->result.indices.front();
        QCOMPARE(view()->sample(), first); // the first kept image
        QVERIFY(waitForPreview(first, 0.2, 120000));
        qInfo("models ready and first preview after a longest GUI stall of %.1f ms", meter.longestMs());
        QVERIFY2(meter.longestMs() < 100, qPrintable(QString::number(meter.longestMs())));

        // Four images of the stored size, drawn by whole factors.
        for (int p = 0; p < 4; ++p) {
            const dqui::PatchPanel* panel = view()->panel(static_cast<PixelView::Panel>(p));
            QCOMPARE(panel->image().size(), QSize(28, 28));
            QVERIFY(panel->imageRect().width() >= 56 && panel->imageRect().width() % 28 == 0);
            const QImage img = panel->image().convertToFormat(QImage::Format_Grayscale8);
            int distinct = 0;
            std::vector<bool> seen(256, false);
            for (int y = 0; y < 28; ++y)
                for (int x = 0; x < 28; ++x)
                    if (!seen[qGray(img.pixel(x, y))]) {
                        seen[qGray(img.pixel(x, y))] = true;
                        ++distinct;
                    }
            QVERIFY2(distinct > 8, qPrintable(QStringLiteral("panel %1: %2 grey levels").arg(p).arg(distinct)));
        }
        const auto preview = view()->preview();
        QCOMPARE(int(preview->keptIds.size()), dq::keptPatchCount(49, 0.2));
        QCOMPARE(view()->panel(PixelView::Kept)->droppedCount(), 49 - 39);
        QCOMPARE(int(preview->camMap.size()), 28 * 28);
        const QStringList names = dqui::classNames(w_->pipeline()->dataset().get());
        QVERIFY(preview->predicted >= 0 && preview->predicted < 10);
        QVERIFY2(view()->caption(PixelView::Heatmap).contains(names[preview->predicted]),
                 qPrintable(view()->caption(PixelView::Heatmap)));
        QVERIFY(view()->caption(PixelView::Kept).startsWith(QStringLiteral("39 of 49 patches kept")));
        const QString recon = view()->caption(PixelView::Reconstruction);
        QVERIFY2(recon.contains(QStringLiteral("PSNR")) && recon.contains(QStringLiteral("SSIM")), qPrintable(recon));
        // The heatmap is the CAM in colour over the image, not the image itself.
        QVERIFY(view()->panel(PixelView::Heatmap)->image() != view()->panel(PixelView::Original)->image());
        screenshot("pixel-view.png");
    }

    void thePixelsStageRunsThroughTheUi()
    {
        QSignalSpy started(w_->pipeline(), &Pipeline::stageStarted);
        QString err = dqtest::runAndWait(w_->pipeline(), [&] {
            QTest::mouseClick(w_->stagePanel()->runButton(Stage::Pixel), Qt::LeftButton);
        });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(started.count(), 1);
        QCOMPARE(started.first().at(0).value<Stage>(), Stage::Pixel);
        const auto px = w_->pipeline()->pixel();
        const auto s = w_->pipeline()->sample();
        QVERIFY(px && px->session);
        QCOMPARE(px->result.images, static_cast<std::int64_t>(s->result.indices.size()));
        QCOMPARE(px->result.grid.count(), 49);
        QCOMPARE(px->result.keptPatches, 39);
        QVERIFY(std::isfinite(px->result.meanPsnr) && px->result.meanPsnr > 10);
        const fs::path folder = px->folder.toStdString();
        for (const char* f : {"pixel.json", "manifest.csv", "quantized/meta.json"})
            QVERIFY2(fs::is_regular_file(folder / f), f);
        QVERIFY(folder.string().find(tmp_.filePath(QStringLiteral("cache")).toStdString()) == 0); // in the cache
        QCOMPARE(w_->stagePanel()->status(Stage::Pixel), dqui::StagePanel::Status::UpToDate);

        // The view now previews with the stage's models; the storage and the readout count
        // the real stored bytes.
        QCOMPARE(view()->previewer()->session(), px->session);
        QCOMPARE(w_->storageView()->storedBytes(), double(px->result.storedBytes));
        QVERIFY(px->result.storedBytes < px->result.originalBytes);
        const QString readout = w_->parametersPanel()->readoutText();
        QVERIFY2(readout.contains(dqui::Format::bytes(double(px->result.storedBytes))) &&
                     !readout.contains(QStringLiteral("Pixels stage)")),
                 qPrintable(readout));

        // Unchanged: not run again. A new mask ratio runs it again without training.
        QSignalSpy skipped(w_->pipeline(), &Pipeline::stageSkipped);
        started.clear();
        err = dqtest::runAndWait(w_->pipeline(), [&] { w_->runAll(); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(started.count(), 0);
        QCOMPARE(skipped.count(), 4);
        QCOMPARE(w_->pipeline()->pixel(), px);
        w_->showView(MainWindow::View::Storage);
        screenshot("pixel-storage.png");
        w_->showView(MainWindow::View::Pixels);
    }

    // The readout gives the two savings apart, and the Storage view compares the pixel step
    // with JPEG and WebP at the same bytes in the background: a bad list is refused inline,
    // Cancel stops a long sweep, a short one ends in a plot of three curves.
    void theStorageViewComparesWithCodecsInTheBackground()
    {
        const auto px = w_->pipeline()->pixel();
        QVERIFY(px);
        const QString readout = w_->parametersPanel()->readoutText();
        QVERIFY2(readout.contains(QStringLiteral("of their best lossless size")) &&
                     readout.contains(dqui::Format::bytes(double(px->result.bestLosslessBytes))) &&
                     !readout.contains(dqui::Format::bytes(double(px->result.storedBytes)) + QStringLiteral(" instead of")),
                 qPrintable(readout));

        w_->showView(MainWindow::View::Storage);
        dqui::CodecComparisonPanel* panel = w_->storageView()->codecComparison();
        QVERIFY(panel->compareButton()->isEnabled());
        QVERIFY(!panel->comparison());
        panel->maskRatiosEdit()->setText(QStringLiteral("0.2, x"));
        QTest::mouseClick(panel->compareButton(), Qt::LeftButton);
        QVERIFY(!panel->isRunning());
        QVERIFY2(panel->statusText().contains(QStringLiteral("Mask ratios")), qPrintable(panel->statusText()));

        panel->maskRatiosEdit()->setText(QStringLiteral("0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9"));
        QTest::mouseClick(panel->compareButton(), Qt::LeftButton);
        QVERIFY(panel->isRunning());
        QVERIFY(!panel->compareButton()->isEnabled());
        panel->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning(), 30000);
        QVERIFY(!panel->comparison());
        QVERIFY2(panel->statusText().contains(QStringLiteral("Cancelled")), qPrintable(panel->statusText()));

        panel->maskRatiosEdit()->setText(QStringLiteral("0.6, 0.3"));
        QSignalSpy changed(panel, &dqui::CodecComparisonPanel::comparisonChanged);
        QTest::mouseClick(panel->compareButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 1 && !panel->isRunning(), 180000);
        const auto c = panel->comparison();
        QVERIFY2(c, qPrintable(panel->statusText()));
        QCOMPARE(c->maskRatios, (std::vector<double>{0.3, 0.6}));
        QCOMPARE(panel->maskRatiosEdit()->text(), QStringLiteral("0.3, 0.6"));
        QCOMPARE(c->images, px->result.images);
        QCOMPARE(int(c->points.size()), 6);
        QCOMPARE(panel->plot()->graphCount(), 3);
        for (int g = 0; g < 3; ++g)
            QCOMPARE(panel->plot()->graph(g)->dataCount(), 2);
        QCOMPARE(panel->plot()->yAxis->label(), QStringLiteral("PSNR (dB)"));
        panel->metricBox()->setCurrentIndex(1);
        QCOMPARE(panel->plot()->yAxis->label(), QStringLiteral("SSIM"));
        panel->metricBox()->setCurrentIndex(0);
        // Kept beside the stage's folder: the view shows it again without recomputing.
        QVERIFY(fs::is_regular_file(fs::path(px->folder.toStdString()) / dq::kCodecComparisonJson));
        screenshot("storage-codecs.png");
        w_->showView(MainWindow::View::Pixels);
    }

    void theSliderRecomputesOneImageAtOnce()
    {
        const qint64 index = view()->sample();
        dqtest::StallMeter meter;
        QImage previous;
        for (double m : {0.0, 0.5, 0.9, 0.2}) {
            view()->maskSlider()->setValue(static_cast<int>(std::lround(m * 100)));
            QVERIFY2(waitForPreview(index, m), qPrintable(QString::number(m)));
            const auto p = view()->preview();
            const int kept = dq::keptPatchCount(49, m);
            QCOMPARE(int(p->keptIds.size()), kept);
            QCOMPARE(view()->panel(PixelView::Kept)->droppedCount(), 49 - kept);
            QVERIFY2(view()->caption(PixelView::Kept).startsWith(QStringLiteral("%1 of 49 patches kept").arg(kept)),
                     qPrintable(view()->caption(PixelView::Kept)));
            QVERIFY2(p->seconds < 1.0, qPrintable(QString::number(p->seconds)));
            const QImage recon = view()->panel(PixelView::Reconstruction)->image();
            if (m == 0.0) // nothing dropped: the original comes back
                QCOMPARE(recon, view()->panel(PixelView::Original)->image());
            else
                QVERIFY(recon != previous);
            previous = recon;
        }
        // Rapid moves are coalesced: only what the worker is free for, ending with the last.
        const int before = view()->previewer()->computedCount();
        for (int v = 10; v <= 40; ++v)
            view()->maskSlider()->setValue(v);
        QVERIFY(waitForPreview(index, 0.4));
        const int computed = view()->previewer()->computedCount() - before;
        qInfo("31 slider moves: %d previews computed; longest GUI stall %.1f ms", computed, meter.longestMs());
        QVERIFY2(computed >= 1 && computed <= 3, qPrintable(QString::number(computed)));
        QCOMPARE(int(view()->preview()->keptIds.size()), dq::keptPatchCount(49, 0.4));
        QVERIFY2(meter.longestMs() < 100, qPrintable(QString::number(meter.longestMs())));

        // The next kept image, and a click on an image elsewhere shows it here.
        std::vector<std::int64_t> kept = w_->pipeline()->sample()->result.indices;
        std::sort(kept.begin(), kept.end());
        const qint64 next = *std::upper_bound(kept.begin(), kept.end(), index);
        view()->setSample(next);
        QVERIFY(waitForPreview(next, 0.4));
        QCOMPARE(view()->sampleBox()->value(), int(next));
        // "Use for all images" puts the view's ratio into the parameters panel.
        view()->setMaskRatio(0.3);
        const auto buttons = view()->findChildren<QPushButton*>();
        const auto use = std::find_if(buttons.begin(), buttons.end(),
                                      [](QPushButton* b) { return b->text() == QStringLiteral("Use for all images"); });
        QVERIFY(use != buttons.end());
        QTest::mouseClick(*use, Qt::LeftButton);
        QCOMPARE(group(*w_)->maskRatioBox()->value(), 0.3);
        QCOMPARE(w_->pipeline()->parameters().maskRatio, 0.3);
        QCOMPARE(w_->stagePanel()->status(Stage::Pixel), dqui::StagePanel::Status::Outdated);
        group(*w_)->maskRatioBox()->setValue(0.2);
        QCOMPARE(w_->stagePanel()->status(Stage::Pixel), dqui::StagePanel::Status::UpToDate);
    }

    void exportWritesImagesAndQuantizedThatLoad()
    {
        dqui::ExportDialog* d = w_->openExportDialog();
        QVERIFY(d);
        auto* images = d->findChild<QCheckBox*>(QStringLiteral("exportImages"));
        auto* quantized = d->findChild<QCheckBox*>(QStringLiteral("exportQuantized"));
        QVERIFY(images && quantized && images->isEnabled() && images->isChecked() && quantized->isChecked());
        const QString out = tmp_.filePath(QStringLiteral("export"));
        d->findChild<QLineEdit*>(QStringLiteral("exportFolder"))->setText(out);
        const QString err =
            dqtest::runAndWait(w_->pipeline(), [&] { QTest::mouseClick(d->exportButton(), Qt::LeftButton); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        const fs::path root = out.toStdString();
        QVERIFY2(d->resultText().contains(QString::fromStdString((root / "reconstructed").string())) &&
                     d->resultText().contains(QString::fromStdString((root / "quantized").string())),
                 qPrintable(d->resultText()));

        const auto px = w_->pipeline()->pixel();
        std::vector<std::int64_t> indices = w_->pipeline()->sample()->result.indices;
        std::sort(indices.begin(), indices.end());
        const dq::Dataset& train = w_->pipeline()->dataset()->train();
        // The reconstructed images: an ImageFolder tree read back in index order.
        const dq::DatasetBundle back = dq::openDataset("imagefolder:" + (root / "reconstructed").string());
        QCOMPARE(back.train->size(), px->result.images);
        // Labels as torchvision's ImageFolder gives them (sorted class folders); the folders
        // are the class names made safe ("T-shirt/top" -> "T-shirt_top").
        for (std::int64_t k = 0; k < back.train->size(); ++k) {
            const std::string& cls =
                train.classNames()[static_cast<std::size_t>(train.label(indices[static_cast<std::size_t>(k)]))];
            QCOMPARE(back.train->classNames()[static_cast<std::size_t>(back.train->label(k))],
                     dq::ReconstructionFolderWriter::sanitiseClassName(cls));
        }
        const dq::Image first = back.train->image(0);
        QVERIFY(first.height == 28 && first.width == 28);
        // The quantized storage: the kept patches, 39 per image.
        const dq::QuantizedReader q(root / "quantized");
        QCOMPARE(q.count(), px->result.images);
        QCOMPARE(q.header().grid.count(), 49);
        for (std::int64_t k = 0; k < q.count(); ++k) {
            QCOMPARE(q.index(k), indices[static_cast<std::size_t>(k)]);
            QCOMPARE(int(q.keptIds(k).size()), 39);
        }
        QCOMPARE(static_cast<std::uint64_t>(q.summary().storedBytes), px->result.storedBytes);
        // The report: the pixel parameters, ratios, quality and the pixel view as a picture.
        const QString html = QString::fromStdString(dq::readFileBytes(root / "report" / "index.html"));
        // ... and the comparison with JPEG and WebP the Storage view made, as a table and a plot.
        for (const char* part : {"Mask ratio", "Final keep ratio", "PSNR", "39 of 49 per image", "<img src=\"pixel.png\"",
                                 "Against JPEG and WebP at the same bytes", "<td>WebP</td>", "<img src=\"codecs.png\""})
            QVERIFY2(html.contains(QLatin1String(part)), part);
        const QImage figure(QString::fromStdString((root / "report" / "pixel.png").string()));
        QVERIFY(!figure.isNull() && figure.width() >= 900);
        const QString json = QString::fromStdString(dq::readFileBytes(root / "report" / "parameters.json"));
        QVERIFY(json.contains(QStringLiteral("\"kept_patches\": 39")));
        QVERIFY(json.contains(QStringLiteral("\"codecs\"")) && json.contains(QStringLiteral("\"method\": \"webp\"")));
        d->close();
    }

    void projectsKeepThePixelParameters()
    {
        dqui::PixelParametersGroup* g = group(*w_);
        g->maskRatioBox()->setValue(0.35);
        choose(g->camBox(), "gradcam");
        choose(g->camTargetBox(), "label");
        choose(g->reconBox(), "inpaint:ns");
        const QString project = tmp_.filePath(QStringLiteral("pixels.dqproj"));
        QString error;
        QVERIFY2(w_->saveProject(project, &error), qPrintable(error));
        const QString text = QString::fromStdString(dq::readFileBytes(project.toStdString()));
        QVERIFY2(text.contains(QStringLiteral("\"mask_ratio\": 0.35")) &&
                     text.contains(QStringLiteral("\"recon\": \"inpaint:ns\"")),
                 qPrintable(text));

        auto w2 = makeWindow();
        const QString err = dqtest::runAndWait(w2->pipeline(), [&] { QVERIFY(w2->openProject(project, &error)); });
        QVERIFY2(err.isEmpty(), qPrintable(err + error));
        QCOMPARE(group(*w2)->maskRatioBox()->value(), 0.35);
        QCOMPARE(group(*w2)->maskRatioSlider()->value(), 35);
        QCOMPARE(group(*w2)->camBox()->currentData().toString(), QStringLiteral("gradcam"));
        QCOMPARE(group(*w2)->camTargetBox()->currentData().toString(), QStringLiteral("label"));
        QCOMPARE(group(*w2)->reconBox()->currentData().toString(), QStringLiteral("inpaint:ns"));
        QVERIFY(w2->pipeline()->parameters() == w_->pipeline()->parameters());
        // A checkpoint file travels with its path.
        choose(g->reconBox(), "mae");
        g->checkpointEdit()->setText(QStringLiteral("/models/mae_visualize_vit_large_ganloss.pth"));
        QCOMPARE(w_->parametersPanel()->parameters().recon,
                 QStringLiteral("mae:/models/mae_visualize_vit_large_ganloss.pth"));
        w2->parametersPanel()->setParameters(w_->parametersPanel()->parameters());
        QCOMPARE(group(*w2)->checkpointEdit()->text(), QStringLiteral("/models/mae_visualize_vit_large_ganloss.pth"));
        // Back to what the tests before used.
        dqui::StudioParameters p = w_->parametersPanel()->parameters();
        p.maskRatio = 0.2;
        p.cam = QStringLiteral("gradcam++");
        p.camTarget = QStringLiteral("predicted");
        p.recon = QStringLiteral("mae-compact");
        w_->parametersPanel()->setParameters(p);
        w_->pipeline()->setParameters(p);
        QVERIFY(w_->pipeline()->isUpToDate(Stage::Pixel));
    }

    void cancelInTheMiddleOfThePixelsStageLeavesTheAppUsable()
    {
        w_->showView(MainWindow::View::Storage); // the pixel view would prepare models of its own
        // A new seed: a new sample, and the heatmap's network and the MAE to train again.
        dqui::StudioParameters p = w_->parametersPanel()->parameters();
        p.seed = 7;
        w_->parametersPanel()->setParameters(p);
        QSignalSpy progress(w_->pipeline(), &Pipeline::progress);
        QSignalSpy cancelled(w_->pipeline(), &Pipeline::stageCancelled);
        w_->runStage(Stage::Pixel);
        const auto pixelProgress = [&] {
            return std::any_of(progress.begin(), progress.end(),
                               [](const QList<QVariant>& a) { return a.at(0).value<Stage>() == Stage::Pixel; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(pixelProgress(), 60000);
        QTest::qWait(300);
        QVERIFY(w_->pipeline()->isBusy());
        QCOMPARE(w_->pipeline()->currentStage(), Stage::Pixel);
        QElapsedTimer t;
        t.start();
        QTest::mouseClick(w_->statusPanel()->cancelButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, 10000);
        qInfo("Pixels stage cancelled %lld ms after the click", t.elapsed());
        QVERIFY(t.elapsed() < 3000);
        QCOMPARE(cancelled.first().at(0).value<Stage>(), Stage::Pixel);
        QVERIFY(!w_->pipeline()->isBusy());
        QCOMPARE(w_->stagePanel()->status(Stage::Pixel), dqui::StagePanel::Status::Cancelled);
        QVERIFY(w_->pipeline()->isUpToDate(Stage::Sample)); // what came before stays
        QVERIFY(w_->stagePanel()->runButton(Stage::Pixel)->isEnabled());
        // Nothing half-written in the cache.
        const fs::path folder =
            dqui::PixelStage::folderFor(w_->pipeline()->parameters().pixelKey(w_->pipeline()->datasetKey()),
                                        tmp_.filePath(QStringLiteral("cache")).toStdString());
        QVERIFY(!fs::exists(folder));

        // The window works on: the same stage with random scores and inpainting.
        dqtest::chooseFastPixelStage(w_->parametersPanel());
        const QString err = dqtest::runAndWait(w_->pipeline(), [&] { w_->runStage(Stage::Pixel); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(w_->pipeline()->pixel()->result.images,
                 static_cast<std::int64_t>(w_->pipeline()->sample()->result.indices.size()));
        QCOMPARE(w_->stagePanel()->status(Stage::Pixel), dqui::StagePanel::Status::UpToDate);
        // The view previews with these: random scores draw no heatmap.
        w_->showView(MainWindow::View::Pixels);
        const qint64 first = w_->pipeline()->sample()->result.indices.front();
        view()->setSample(first);
        QVERIFY(waitForPreview(first, view()->maskRatio()));
        QVERIFY(view()->preview()->camMap.empty());
        QVERIFY(view()->caption(PixelView::Heatmap).startsWith(QStringLiteral("Random scores")));
    }

    void instructionDataHasNoPixelsStage()
    {
        QString json = QStringLiteral("[\n");
        for (int i = 0; i < 40; ++i)
            json += QStringLiteral("{\"instruction\": \"Describe item %1 of the list\", \"input\": \"\", \"output\": "
                                   "\"It is number %1, colour %2.\"}%3\n")
                        .arg(i)
                        .arg(i % 3 ? QStringLiteral("red") : QStringLiteral("blue"))
                        .arg(i < 39 ? QStringLiteral(",") : QString());
        json += QStringLiteral("]\n");
        const QString file = tmp_.filePath(QStringLiteral("records.json"));
        dqtest::writeBytes(file.toStdString(), json.toStdString());
        QString err = dqtest::runAndWait(w_->pipeline(), [&] { w_->openDataset(QStringLiteral("text:") + file); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QPushButton* run = w_->stagePanel()->runButton(Stage::Pixel);
        QVERIFY(!run->isEnabled());
        QVERIFY2(run->toolTip().contains(QStringLiteral("Instruction data has no pixels")), qPrintable(run->toolTip()));
        QVERIFY(!group(*w_)->isEnabled());
        QTabWidget* tabs = w_->views();
        QVERIFY(!tabs->isTabEnabled(tabs->indexOf(view())));
        QVERIFY(!w_->parametersPanel()->readoutText().contains(QStringLiteral("patches")));

        w_->parametersPanel()->binsBox()->setValue(4);
        w_->parametersPanel()->ratioBox()->setValue(0.5);
        QSignalSpy started(w_->pipeline(), &Pipeline::stageStarted);
        err = dqtest::runAndWait(w_->pipeline(), [&] { w_->runAll(); });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(started.count(), 3); // Features, Bins, Sample: no Pixels
        QVERIFY(!w_->pipeline()->pixel());
        QVERIFY(w_->pipeline()->sample());
    }
};

QTEST_MAIN(UiPixelTest)
#include "tst_UiPixel.moc"
