#include "ScreenshotTour.h"

#include "MainWindow.h"
#include "common/Language.h"
#include "dialogs/ExportDialog.h"
#include "panels/DatasetPanel.h"
#include "panels/MessageBar.h"
#include "panels/ParametersPanel.h"
#include "pipeline/Pipeline.h"
#include "tour/TourPanel.h"
#include "pixel/PixelSession.h"
#include "views/PixelPreviewer.h"
#include "views/PixelView.h"
#include "views/SampleGridView.h"
#include "views/ScatterView.h"

#include <QDockWidget>
#include <QFontDatabase>
#include <QScrollArea>
#include <QTimer>

#include <cmath>
#include <cstdio>
#include <memory>

namespace dqui {
namespace {

// Points near the middle of one class's cloud: what a user's lasso would catch.
QVector<qint64> clusterOf(const PointCloud& c, int cls)
{
    double mx = 0, my = 0, n = 0;
    float x0 = 1e30f, x1 = -1e30f;
    for (std::int64_t i = 0; i < c.size(); ++i) {
        x0 = std::min(x0, c.x[i]);
        x1 = std::max(x1, c.x[i]);
        if (c.label[i] == cls) {
            mx += c.x[i];
            my += c.y[i];
            ++n;
        }
    }
    QVector<qint64> out;
    if (n == 0)
        return out;
    mx /= n;
    my /= n;
    const double r = 0.08 * (x1 - x0);
    for (std::int64_t i = 0; i < c.size(); ++i)
        if (std::hypot(c.x[i] - mx, c.y[i] - my) < r)
            out.push_back(i);
    return out;
}

} // namespace

ScreenshotTour::ScreenshotTour(MainWindow* window, const QString& dir, QObject* parent)
        : QObject(parent), window_(window), dir_(dir)
{ }

void ScreenshotTour::after(int ms, std::function<void()> f) { QTimer::singleShot(ms, this, std::move(f)); }

void ScreenshotTour::shoot(const QString& name, QWidget* widget)
{
    QWidget* w = widget ? widget : window_;
    const QString path = dir_.filePath(name + QStringLiteral(".png"));
    if (!w->grab().save(path, "PNG", 0)) // 0: the smallest file
        std::fprintf(stderr, "dq-studio: could not write %s\n", qPrintable(path));
    else
        std::printf("%s\n", qPrintable(path));
    std::fflush(stdout);
}

void ScreenshotTour::showControl(QWidget* w)
{
    // The parameters live in a scroll area on the left: bring `w` into sight.
    for (QWidget* p = w ? w->parentWidget() : nullptr; p; p = p->parentWidget())
        if (auto* area = qobject_cast<QScrollArea*>(p)) {
            area->ensureWidgetVisible(w, 0, 8);
            return;
        }
}

void ScreenshotTour::waitForPreview(std::function<void()> then)
{
    PixelPreviewer* p = window_->pixelView()->previewer();
    const auto shown = window_->pixelView()->preview();
    if (shown && shown->index == window_->pixelView()->sample() && !p->isComputing()) {
        then();
        return;
    }
    auto c = std::make_shared<QMetaObject::Connection>();
    *c = connect(p, &PixelPreviewer::previewReady, this, [this, c, then] {
        const auto now = window_->pixelView()->preview();
        if (!now || now->index != window_->pixelView()->sample())
            return;
        disconnect(*c);
        then();
    });
}

void ScreenshotTour::next()
{
    if (steps_.isEmpty()) {
        emit done(0);
        return;
    }
    const auto step = steps_.takeFirst();
    step();
}

void ScreenshotTour::start()
{
    dir_.mkpath(QStringLiteral("."));
    window_->resize(1360, 860);
    window_->show();
    Pipeline* p = window_->pipeline();
    connect(p, &Pipeline::stageFailed, this, [this](Stage, const QString& m) {
        std::fprintf(stderr, "dq-studio: screenshot tour: %s\n", qPrintable(m));
        emit done(1);
    });
    const auto waitFor = [this, p](Stage target, std::function<void()> then) {
        auto c = std::make_shared<QMetaObject::Connection>();
        *c = connect(p, &Pipeline::runFinished, this, [c, target, then](Stage s) {
            if (s != target)
                return;
            disconnect(*c);
            then();
        });
    };
    const auto view = [this](MainWindow::View v, const QString& name) {
        return [this, v, name] {
            window_->showView(v);
            after(1200, [this, name] {
                shoot(name);
                next();
            }); // thumbnails decode meanwhile
        };
    };
    steps_ << [this, waitFor] {
        waitFor(Stage::Dataset, [this] { next(); });
        window_->openDataset(QStringLiteral("fashion-mnist"));
    };
    steps_ << view(MainWindow::View::Dataset, QStringLiteral("01-dataset"));
    steps_ << [this, waitFor] {
        waitFor(Stage::Sample, [this] { next(); });
        window_->runStage(Stage::Sample);
    };
    steps_ << view(MainWindow::View::Embedding, QStringLiteral("02-embedding"));
    steps_ << view(MainWindow::View::Bins, QStringLiteral("03-bins"));
    steps_ << [this] {
        window_->sampleGrid()->setShow(SampleGridView::Show::Kept);
        next();
    };
    steps_ << view(MainWindow::View::Samples, QStringLiteral("04-samples"));
    steps_ << [this] {
        const QVector<qint64> sel = clusterOf(window_->scatterView()->cloud(), 8);
        window_->scatterView()->setSelection(sel);
        window_->sampleGrid()->setScatterSelection(sel);
        window_->sampleGrid()->setShow(SampleGridView::Show::ScatterSelection);
        next();
    };
    steps_ << view(MainWindow::View::Embedding, QStringLiteral("05-selection"));
    steps_ << view(MainWindow::View::Samples, QStringLiteral("06-selection-grid"));
    steps_ << [this] {
        window_->scatterView()->setSelection({});
        window_->sampleGrid()->setScatterSelection({});
        window_->sampleGrid()->setShow(SampleGridView::Show::All);
        next();
    };
    // The Pixels stage trains the heatmap's network and the compact MAE the first time.
    steps_ << [this, waitFor] {
        waitFor(Stage::Pixel, [this] { next(); });
        window_->runStage(Stage::Pixel);
    };
    steps_ << [this] {
        // Any note of the run (e.g. a CUDA build's "no GPU") has been read: closed, as a user would.
        window_->messageBar()->hide();
        // A kept bag: its handle and outline are what the network looks at.
        const auto s = window_->pipeline()->sample();
        const auto d = window_->pipeline()->dataset();
        for (std::int64_t i : s->result.indices)
            if (d->labels[static_cast<std::size_t>(i)] == 8) {
                window_->pixelView()->setSample(i);
                break;
            }
        window_->showView(MainWindow::View::Pixels);
        showControl(window_->parametersPanel()->findChild<QWidget*>(QStringLiteral("readout")));
        waitForPreview([this] {
            after(600, [this] {
                shoot(QStringLiteral("07-pixels"));
                showControl(window_->datasetPanel());
                next();
            });
        });
    };
    steps_ << view(MainWindow::View::Storage, QStringLiteral("08-storage"));
    steps_ << [this] {
        window_->startTour();
        window_->tourPanel()->setStep(3);
        window_->showView(MainWindow::View::Pixels);
        after(800, [this] {
            shoot(QStringLiteral("09-try-it"));
            window_->tourDock()->hide();
            next();
        });
    };
    steps_ << [this] {
        ExportDialog* d = window_->openExportDialog();
        after(600, [this, d] {
            if (d) {
                shoot(QStringLiteral("10-export"), d);
                d->close();
            }
            next();
        });
    };
    steps_ << [this] {
        // Chinese only where a font can show it (Xvfb machines often have none).
        if (QFontDatabase::families(QFontDatabase::SimplifiedChinese).isEmpty()) {
            std::fprintf(stderr, "dq-studio: no Chinese font installed: skipping the zh_CN screenshot\n");
            next();
            return;
        }
        Language::apply(QStringLiteral("zh_CN"));
        window_->showView(MainWindow::View::Embedding);
        after(800, [this] {
            shoot(QStringLiteral("11-zh-CN"));
            Language::apply(QStringLiteral("en"));
            next();
        });
    };
    // Training the Pixels stage's two networks on all 60,000 images takes minutes on a CPU.
    QTimer::singleShot(40 * 60 * 1000, this, [this] {
        std::fprintf(stderr, "dq-studio: screenshot tour timed out\n");
        emit done(2);
    });
    next();
}

} // namespace dqui
