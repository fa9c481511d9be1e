#pragma once
#include "pipeline/Results.h"

#include <QWidget>

class QCustomPlot;
class QCPBars;
class QLabel;

namespace dqui {

// How much data the sample keeps: the original and the selected bytes (as raw 8-bit
// pixels, or float32 rows for precomputed features). The stored bytes after patch
// dropping join here with the pixel stage.
class StorageView : public QWidget {
    Q_OBJECT

public:
    explicit StorageView(QWidget* parent = nullptr);
    void setResults(DatasetPtr dataset, FeaturesPtr features, SamplePtr sample);
    double originalBytes() const { return original_; }
    double keptBytes() const { return kept_; }
    QCustomPlot* plot() const { return plot_; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();

    DatasetPtr dataset_;
    FeaturesPtr features_;
    SamplePtr sample_;
    double original_ = 0, kept_ = 0;
    QLabel* text_;
    QCustomPlot* plot_;
    QCPBars* bars_ = nullptr;
};

} // namespace dqui
