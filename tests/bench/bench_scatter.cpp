// The embedding scatter's replot time with 60,000 points (Fashion-MNIST's training set:
// the PCA of its pixels, computed by core, coloured by class, every 8th point kept),
// against a plain QCustomPlot scatter of the same points (one QCPGraph, disc markers).
// Each replot pans the axes a little, so no cache can be reused. Run under Xvfb:
//   xvfb-run -a build/tests/bench/bench_scatter [FASHION_MNIST_DIR]
#include "BenchRunner.h"

#include "analysis/PcaProjection.h"
#include "common/Progress.h"
#include "common/Threads.h"
#include "datasets/DatasetSpec.h"
#include "features/PixelFeatures.h"
#include "views/PointCloud.h"
#include "views/PointCloudLayer.h"
#include "views/PointCloudPlot.h"

#include "common/Palette.h"
#include <qcustomplot.h>

#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

double timedReplot(QCustomPlot& plot, double shift)
{
    plot.xAxis->moveRange(shift);
    QElapsedTimer t;
    t.start();
    plot.replot(QCustomPlot::rpImmediateRefresh);
    return t.nsecsElapsed() / 1e9;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    dq::configureThreads(0);
    const std::string dir = argc > 1 ? argv[1] : "/usr/share/datasets/fashion-mnist";
    const dq::DatasetBundle bundle = dq::openDataset("fashion-mnist:" + dir);
    dq::CancelToken cancel;
    const dq::Projection pca =
        dq::pcaProjection(dq::pixelFeatures(*bundle.train, dq::Progress::none(), cancel), dq::Progress::none(), cancel);

    dqui::PointCloud cloud;
    cloud.x = pca.x;
    cloud.y = pca.y;
    cloud.label = bundle.train->labels();
    cloud.colorIndex = cloud.label;
    cloud.colors = dqui::Palette::categories(10);
    cloud.kept.assign(cloud.x.size(), 0);
    for (std::size_t i = 0; i < cloud.kept.size(); i += 8)
        cloud.kept[i] = 1;

    dqui::PointCloudPlot measured;
    measured.resize(1200, 800);
    measured.setCloud(&cloud);
    measured.show();

    QCustomPlot baseline;
    baseline.resize(1200, 800);
    baseline.setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    QCPGraph* g = baseline.addGraph();
    g->setLineStyle(QCPGraph::lsNone);
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
    QVector<double> xs(cloud.x.begin(), cloud.x.end()), ys(cloud.y.begin(), cloud.y.end());
    g->setData(xs, ys);
    baseline.xAxis->setRange(measured.xAxis->range());
    baseline.yAxis->setRange(measured.yAxis->range());
    baseline.show();
    QApplication::processEvents();

    const double step = measured.xAxis->range().size() * 0.005;
    timedReplot(measured, step); // warm-up
    timedReplot(baseline, step);
    std::vector<double> a, b, raster;
    for (int pair = 0; pair < 30; ++pair) {
        const double s = pair % 2 ? step : -step;
        a.push_back(timedReplot(measured, s));
        raster.push_back(measured.pointLayer()->lastRasterMs() / 1000.0);
        b.push_back(timedReplot(baseline, s));
        QApplication::processEvents();
    }
    const double ma = median(a), mb = median(b);
    std::printf("{\"bench\": \"scatter_replot\", \"input\": \"Fashion-MNIST train, 60000 points (PCA of pixels), "
                "10 colours, 1 in 8 kept, 1200x800, platform %s\", \"wall_s\": %.5f, \"min_s\": %.5f, \"max_s\": %.5f, "
                "\"raster_s\": %.5f, \"baseline\": \"QCPGraph ssDisc 4 px\", \"baseline_wall_s\": %.5f, "
                "\"baseline_min_s\": %.5f, \"baseline_max_s\": %.5f, \"ratio\": %.4f, \"pairs\": %zu, "
                "\"git\": \"%s\", \"date\": \"%s\"}\n",
                qPrintable(QGuiApplication::platformName()), ma, *std::min_element(a.begin(), a.end()),
                *std::max_element(a.begin(), a.end()), median(raster), mb, *std::min_element(b.begin(), b.end()),
                *std::max_element(b.begin(), b.end()), ma / mb, a.size(), dqbench::gitRevision().c_str(),
                dqbench::today().c_str());
    return 0;
}
