#pragma once
#include "pipeline/Results.h"

#include <QStringList>
#include <QWidget>

class QCustomPlot;
class QCPBars;
class QCPGraph;
class QLabel;
class QStackedWidget;
class QTableWidget;
class QTimer;

namespace dqui {

class ThumbnailCache;

// What each bin holds and what sets it apart: stacked bars of its class counts with the
// greedy objective of every bin (the sum of the marginal gains of its picks) on the right
// axis, and a row per bin with members that show it (one per class) and its statistics
// from the features (similarity to the class centre, its spread, the distance to it). In
// the balanced form the counts are equal by construction, and the view says so.
class CompositionView : public QWidget {
    Q_OBJECT

public:
    enum class Unit { Images, Records }; // what the bars count (Records: instruction data)

    enum Column { BinColumn, MembersColumn, SimilarityColumn, DistanceColumn, ObjectiveColumn };

    explicit CompositionView(QWidget* parent = nullptr);
    // Where the member thumbnails come from (none: the rows show no pictures).
    void setThumbnails(ThumbnailCache* thumbnails);
    void setResults(BinsPtr bins, const QStringList& classNames);
    void setUnit(Unit unit);
    QCustomPlot* plot() const { return plot_; }
    // The bar heights summed per bin, as plotted (tests).
    std::vector<double> plottedBinTotals() const;
    // The per-bin rows (tests): their count, a cell's text, the thumbnails drawn in a row.
    QTableWidget* rows() const { return rows_; }
    QString cellText(int bin, Column column) const;
    int thumbnailsShown(int bin) const;
    QString summaryText() const;

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void retranslate();
    void rebuild();
    void rebuildRows();
    void drawStrips();

    BinsPtr bins_;
    QStringList classNames_;
    Unit unit_ = Unit::Images;
    QStackedWidget* stack_;
    QLabel* empty_;
    QCustomPlot* plot_;
    QLabel* summary_;
    QTableWidget* rows_;
    ThumbnailCache* thumbnails_ = nullptr;
    QTimer* stripTimer_; // thumbnails arriving one by one redraw the strips once
    std::vector<int> shown_; // per bin: thumbnails drawn
    QList<QCPBars*> bars_;
    QCPGraph* objective_ = nullptr;
};

} // namespace dqui
