#pragma once
#include "pipeline/Results.h"
#include "pipeline/StudioParameters.h"

#include <QWidget>

#include <filesystem>

class QCustomPlot;
class QCPBars;
class QLabel;

namespace dqui {

class CodecComparisonPanel;

// How much data the sample keeps: the original and the selected bytes (as raw 8-bit
// pixels, or float32 rows for precomputed features), and once the Pixels stage ran the
// kept images' lossless sizes (PNG, the best of PNG and lossless WebP) and the bytes it
// stored (every file of its quantized/ folder): the sampling and the pixel saving apart;
// below, the rate-distortion of the pixel step against JPEG and WebP (CodecComparisonPanel).
class StorageView : public QWidget {
    Q_OBJECT

public:
    explicit StorageView(QWidget* parent = nullptr);
    // `pixel` counts only when it was made from `sample` (the window passes null otherwise).
    void setResults(DatasetPtr dataset, FeaturesPtr features, SamplePtr sample, PixelPtr pixel = nullptr);
    // The parameters and cache the Pixels stage ran with, for the codec comparison; call
    // before setResults.
    void setPixelContext(const StudioParameters& params, const std::filesystem::path& cacheDir);
    CodecComparisonPanel* codecComparison() const { return codecs_; }
    double originalBytes() const { return original_; }
    double keptBytes() const { return kept_; }
    double storedBytes() const { return stored_; } // 0 before the Pixels stage
    double keptLosslessBytes() const { return lossless_; } // 0 before the Pixels stage
    QCustomPlot* plot() const { return plot_; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();

    DatasetPtr dataset_;
    FeaturesPtr features_;
    SamplePtr sample_;
    PixelPtr pixel_;
    double original_ = 0, kept_ = 0, stored_ = 0, png_ = 0, lossless_ = 0;
    QLabel* text_;
    QCustomPlot* plot_;
    QCPBars* bars_ = nullptr;
    CodecComparisonPanel* codecs_;
    StudioParameters params_;
    std::filesystem::path cacheDir_;
};

} // namespace dqui
