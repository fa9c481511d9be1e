#pragma once
#include "pipeline/Results.h"

#include <QMap>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QLabel;
class QTableWidget;

namespace dqui {

// What the Evaluate stage measured: test accuracy per epoch for every subset (the mean
// over the seeds as a line, their spread as a band), filled in live as epochs finish; a
// table of final and best-epoch accuracy; the ratio sweep's accuracy against keep ratio;
// and a sentence that says it in plain words. Figures that belong to other parameters, or
// are being computed, say so.
class EvaluationView : public QWidget {
    Q_OBJECT

public:
    explicit EvaluationView(QWidget* parent = nullptr);

    // A finished evaluation (null: none). `current`: made with the present parameters.
    void setEvaluation(EvaluationPtr evaluation, bool current);
    // A run starts: the live curves begin empty.
    void startRun(int epochs, int seeds);
    void addEpoch(const dq::EpochUpdate& update);
    // Not for this data (empty: it applies).
    void setUnavailable(const QString& reason);

    QCustomPlot* curvesPlot() const { return curves_; }
    QCustomPlot* sweepPlot() const { return sweep_; }
    QTableWidget* table() const { return table_; }
    QString statusText() const;
    QString headlineText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Curve {
        QString name;
        QMap<quint64, std::vector<dq::EpochRecord>> runs; // by seed
    };
    void rebuild();
    void drawCurves();
    void fillTable();
    void drawSweep();

    EvaluationPtr evaluation_;
    bool current_ = false, live_ = false;
    int liveEpochs_ = 0, liveSeeds_ = 0;
    QString unavailable_;
    std::vector<Curve> curvesData_;
    QLabel* status_;
    QLabel* headline_;
    QCustomPlot* curves_;
    QTableWidget* table_;
    QCustomPlot* sweep_;
};

} // namespace dqui
