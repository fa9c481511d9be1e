// The embedding scatter as a user works it: rectangle and lasso selection with the
// mouse, Shift to add, a click opens the nearest sample, the class filter, pan and zoom,
// and the kept samples drawn emphasised.
#include "StudioApplication.h"
#include "UiTestSupport.h"
#include "common/Palette.h"
#include "common/Settings.h"
#include "pipeline/Results.h"
#include "views/PointCloudLayer.h"
#include "views/PointCloudPlot.h"
#include "views/ScatterView.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <random>

using dqui::PointCloudPlot;

class UiScatterTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    std::unique_ptr<dqui::ScatterView> view_;
    std::shared_ptr<dqui::FeaturesState> features_;
    std::shared_ptr<dqui::BinsState> bins_;
    static constexpr int kPerCluster = 500;
    const float cx_[4] = {1, -1, -1, 1}, cy_[4] = {1, 1, -1, -1};

    PointCloudPlot* plot() const { return view_->plot(); }
    QPoint pixel(double x, double y) const
    {
        return QPointF(plot()->xAxis->coordToPixel(x), plot()->yAxis->coordToPixel(y)).toPoint();
    }
    void drag(const QList<QPoint>& path, Qt::KeyboardModifiers mods = {})
    {
        QTest::mousePress(plot(), Qt::LeftButton, mods, path.first());
        for (int i = 1; i < path.size(); ++i)
            QTest::mouseMove(plot(), path[i]);
        QTest::mouseRelease(plot(), Qt::LeftButton, mods, path.last());
    }
    QList<QPoint> boxAround(int cluster, double half = 0.4) const
    {
        return {pixel(cx_[cluster] - half, cy_[cluster] + half), pixel(cx_[cluster], cy_[cluster]),
                pixel(cx_[cluster] + half, cy_[cluster] - half)};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        dqtest::initStudioForTest(tmp_);
        // Four square clusters of 500 points (class = bin = cluster) and one lone point.
        features_ = std::make_shared<dqui::FeaturesState>();
        bins_ = std::make_shared<dqui::BinsState>();
        bins_->bins.resize(4);
        std::mt19937 rng(3);
        std::uniform_real_distribution<float> u(-0.1f, 0.1f);
        for (int c = 0; c < 4; ++c)
            for (int i = 0; i < kPerCluster; ++i) {
                features_->projection.x.push_back(cx_[c] + u(rng));
                features_->projection.y.push_back(cy_[c] + u(rng));
                features_->labels.push_back(c);
                bins_->binOf.push_back(c);
                bins_->bins[c].push_back(c * kPerCluster + i);
            }
        features_->projection.x.push_back(0);
        features_->projection.y.push_back(0);
        features_->labels.push_back(0);
        bins_->binOf.push_back(0);
        bins_->bins[0].push_back(4 * kPerCluster);
        features_->rows = 4 * kPerCluster + 1;
        view_ = std::make_unique<dqui::ScatterView>();
        view_->resize(800, 600);
        view_->show();
        QVERIFY(QTest::qWaitForWindowExposed(view_.get()));
        view_->setResults(features_, bins_, nullptr, {"a", "b", "c", "d"});
        plot()->replot();
    }

    void cleanupTestCase() { view_.reset(); }

    void pointsAreColouredByBin()
    {
        QCOMPARE(view_->cloud().size(), std::int64_t(4 * kPerCluster + 1));
        QCOMPARE(view_->cloud().colorIndex, bins_->binOf);
        QCOMPARE(view_->cloud().colors.size(), 4);
    }

    void rectangleSelectsTheClusterAndShiftLassoAdds()
    {
        QSignalSpy changed(view_.get(), &dqui::ScatterView::selectionChanged);
        plot()->setTool(PointCloudPlot::Tool::Rectangle);
        drag(boxAround(0));
        QCOMPARE(changed.count(), 1);
        QVector<qint64> sel = view_->selection();
        QCOMPARE(sel.size(), kPerCluster);
        for (qint64 i : sel)
            QVERIFY(i < kPerCluster);

        plot()->setTool(PointCloudPlot::Tool::Lasso);
        const double h = 0.35;
        drag({pixel(cx_[2] - h, cy_[2] - h), pixel(cx_[2] + h, cy_[2] - h), pixel(cx_[2] + h, cy_[2] + h),
              pixel(cx_[2] - h, cy_[2] + h), pixel(cx_[2] - h, cy_[2] - h + 0.01)},
             Qt::ShiftModifier);
        sel = view_->selection();
        QCOMPARE(sel.size(), 2 * kPerCluster);
        QCOMPARE(int(std::count_if(sel.begin(), sel.end(),
                                   [](qint64 i) { return i >= 2 * kPerCluster && i < 3 * kPerCluster; })),
                 kPerCluster);
        QCOMPARE(view_->cloud().highlighted.size(), std::size_t(4 * kPerCluster + 1));

        // A click with the rectangle tool clears the selection.
        plot()->setTool(PointCloudPlot::Tool::Rectangle);
        QTest::mouseClick(plot(), Qt::LeftButton, {}, pixel(0.5, 0.5));
        QVERIFY(view_->selection().isEmpty());
        QVERIFY(view_->cloud().highlighted.empty());
    }

    void clickingAPointOpensIt()
    {
        plot()->setTool(PointCloudPlot::Tool::Pan);
        QSignalSpy activated(view_.get(), &dqui::ScatterView::sampleActivated);
        QTest::mouseClick(plot(), Qt::LeftButton, {}, pixel(0, 0) + QPoint(2, 1));
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.first().at(0).toLongLong(), qint64(4 * kPerCluster));
        QTest::mouseClick(plot(), Qt::LeftButton, {}, pixel(0.5, 0.5)); // nothing near
        QCOMPARE(activated.count(), 1);
    }

    void hiddenClassesCannotBeSelected()
    {
        view_->setClassVisible(0, false);
        plot()->setTool(PointCloudPlot::Tool::Rectangle);
        drag(boxAround(0));
        QVERIFY(view_->selection().isEmpty());
        drag(boxAround(1));
        QCOMPARE(view_->selection().size(), kPerCluster);
        view_->setClassVisible(0, true);
        view_->setSelection({});
    }

    void panAndZoomMoveTheAxes()
    {
        plot()->setTool(PointCloudPlot::Tool::Pan);
        const QCPRange before = plot()->xAxis->range();
        drag({pixel(0.5, 0.5), pixel(0.3, 0.5), pixel(0.0, 0.5)});
        const QCPRange after = plot()->xAxis->range();
        QVERIFY2(after.lower > before.lower + 0.3, qPrintable(QString::number(after.lower - before.lower)));
        QCOMPARE(after.size(), before.size());
        QWheelEvent wheel(QPointF(pixel(0, 0)), plot()->mapToGlobal(QPointF(pixel(0, 0))), QPoint(), QPoint(0, 120),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(plot(), &wheel);
        QVERIFY(plot()->xAxis->range().size() < after.size());
        plot()->fitToPoints();
        plot()->replot();
    }

    void keptSamplesAreEmphasised()
    {
        auto sample = std::make_shared<dqui::SampleState>();
        sample->selected.assign(static_cast<std::size_t>(features_->rows), 0);
        sample->selected.back() = 1; // the lone point is kept, the clusters are not
        sample->result.indices = {features_->rows - 1};
        view_->setResults(features_, bins_, sample, {"a", "b", "c", "d"});
        const QImage image = plot()->toPixmap(plot()->width(), plot()->height(), 1.0).toImage();
        const QPoint lone = pixel(0, 0);
        const QColor bin0 = dqui::Palette::category(0);
        QCOMPARE(QColor(image.pixel(lone)).rgb(), bin0.rgb()); // its own colour at the centre
        QVERIFY(QColor(image.pixel(lone + QPoint(2, 0))).value() < bin0.value()); // a darker rim around it
        const QColor dropped = image.pixel(pixel(cx_[1], cy_[1]));
        QVERIFY2(dropped.saturation() < dqui::Palette::category(1).saturation(), "dropped samples are faded");
        // Inside a selection the dropped samples show in full colour again.
        QVector<qint64> cluster1;
        for (qint64 i = kPerCluster; i < 2 * kPerCluster; ++i)
            cluster1.push_back(i);
        view_->setSelection(cluster1);
        const QImage focused = plot()->toPixmap(plot()->width(), plot()->height(), 1.0).toImage();
        int full = 0;
        for (qint64 i : cluster1)
            full +=
                QColor(focused.pixel(plot()->pointLayer()->pixelOf(i).toPoint())).rgb() == dqui::Palette::category(1).rgb();
        QVERIFY2(full > kPerCluster / 2, qPrintable(QString::number(full)));
        view_->setSelection({});
    }
};

QTEST_MAIN(UiScatterTest)
#include "tst_UiScatter.moc"
