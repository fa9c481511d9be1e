#pragma once
#include "pipeline/Results.h"
#include "pipeline/StudioParameters.h"

#include <QWidget>

#include <array>
#include <filesystem>
#include <memory>

class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QToolButton;

namespace dq {
struct PixelPreview;
}

namespace dqui {

class HeatmapLegend;
class PatchPanel;
class PixelPreviewer;
struct JobProgress;

// Pixel quantization of one sample, side by side: the original, the GradCAM heatmap
// over it (with its colour scale), the kept patches (dropped ones hatched, the patch
// grid drawn) and the reconstruction, with PSNR/SSIM and the predicted class. Its own
// mask-ratio slider recomputes that sample at once through the PixelSession on a worker
// thread. The session is the Pixels stage's; opened before the stage ran, the view
// builds one itself in the background and shows its progress.
class PixelView : public QWidget {
    Q_OBJECT

public:
    enum Panel { Original, Heatmap, Kept, Reconstruction };

    explicit PixelView(QWidget* parent = nullptr);
    ~PixelView() override;

    // What the preview follows; the window calls it whenever a result or parameter changes.
    void setContext(DatasetPtr dataset, BinsPtr bins, SamplePtr sample, PixelPtr pixel, const StudioParameters& params,
                    const std::filesystem::path& cacheDir);
    // While a stage runs the view builds no models of its own (a preparation under way
    // stops): the stage trains the network once, and the view then loads it from the cache.
    void setPipelineBusy(bool busy);
    // Whether the view prepares its models now, and stopping that (the window's Cancel).
    bool isWorking() const;
    void cancelWork();

    void setSample(qint64 index);
    qint64 sample() const { return index_; }
    void setMaskRatio(double maskRatio);
    double maskRatio() const;

    QSlider* maskSlider() const { return slider_; }
    QSpinBox* sampleBox() const { return indexBox_; }
    PatchPanel* panel(Panel p) const { return panels_[p]; }
    QString caption(Panel p) const;
    QString hintText() const;
    PixelPreviewer* previewer() const { return previewer_; }
    // The preview on show (null before the first).
    std::shared_ptr<const dq::PixelPreview> preview() const;
    // The four panels with their titles and captions as one picture, for the report
    // (drawn whether or not the view is on screen; null before the first preview).
    QImage renderFigure() const;

signals:
    // "Use for the Pixels stage": the view's mask ratio for the parameters panel.
    void maskRatioChosen(double maskRatio);
    // The preview's preparation started or ended (the window's Cancel follows it).
    void workingChanged(bool working);

protected:
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void ensureSession();
    void requestPreview();
    void showPreview();
    void showOriginal(); // the image itself, before (or without) its preview
    void updateHeader();
    void updateHint();
    void stepKept(int direction);
    void onBuildProgress(const JobProgress& progress);
    QString reconName() const;

    PixelPreviewer* previewer_;
    QLabel *header_, *maskLabel_, *maskReadout_, *hint_, *timing_;
    QSpinBox* indexBox_;
    QToolButton *previous_, *next_;
    QSlider* slider_;
    QDoubleSpinBox* mask_;
    QPushButton *useMask_, *cancelBuild_;
    QProgressBar* progress_;
    std::array<PatchPanel*, 4> panels_{};
    std::array<QLabel*, 4> titles_{}, captions_{};
    HeatmapLegend* legend_;
    QLabel* legendTitle_;

    DatasetPtr dataset_;
    BinsPtr bins_;
    SamplePtr sample_;
    PixelPtr pixel_;
    StudioParameters params_;
    std::filesystem::path cacheDir_;
    qint64 index_ = -1;
    double paramsMask_ = -1; // the panel's mask ratio last mirrored into the slider
    bool chosen_ = false; // the user picked the sample (else: the first kept one)
    bool busy_ = false;
    QString failedKey_, failure_, progressText_;
    QString previewFailure_; // the last preview's error, until a preview succeeds
};

} // namespace dqui
