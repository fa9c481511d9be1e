#pragma once
#include "pipeline/Results.h"
#include "pipeline/StudioParameters.h"

#include <QWidget>

#include <filesystem>
#include <memory>

class QComboBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace dq {
struct CodecComparison;
}

namespace dqui {

class JobRunner;

// The Storage view's rate-distortion: DQ's pixel step at several mask ratios against JPEG
// and WebP at the same bytes, PSNR or SSIM against bytes per image, one line each. Runs
// dq::compareCodecs in the background (CodecComparisonJob) with progress and cancel; a
// result saved beside the Pixels stage's folder is shown at once.
class CodecComparisonPanel : public QWidget {
    Q_OBJECT

public:
    explicit CodecComparisonPanel(QWidget* parent = nullptr);
    ~CodecComparisonPanel() override;

    // The Pixels stage's result and the parameters it ran with (null pixel: not run).
    void setContext(DatasetPtr dataset, SamplePtr sample, PixelPtr pixel, const StudioParameters& params,
                    const std::filesystem::path& cacheDir);
    void start();
    void cancel();
    bool isRunning() const;
    std::shared_ptr<const dq::CodecComparison> comparison() const { return comparison_; }
    QCustomPlot* plot() const { return plot_; }
    QString statusText() const;
    QLineEdit* maskRatiosEdit() const { return ratios_; }
    QComboBox* metricBox() const { return metric_; }
    QPushButton* compareButton() const { return compare_; }

signals:
    void comparisonChanged();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void replot();
    void updateState();
    void onFinished();
    void onFailed(const QString& message);

    DatasetPtr dataset_;
    SamplePtr sample_;
    PixelPtr pixel_;
    StudioParameters params_;
    std::filesystem::path cacheDir_;
    std::shared_ptr<const dq::CodecComparison> comparison_;
    QString message_; // the last failure or note, shown under the plot

    JobRunner* runner_;
    QLabel* title_;
    QLabel* explanation_;
    QLabel* ratiosLabel_;
    QLineEdit* ratios_;
    QComboBox* metric_;
    QPushButton* compare_;
    QPushButton* cancel_;
    QProgressBar* progress_;
    QLabel* status_;
    QCustomPlot* plot_;
};

} // namespace dqui
