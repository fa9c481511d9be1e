#pragma once
#include "pipeline/StudioParameters.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QToolButton;

namespace dqui {

class EvaluateParametersGroup;
class PixelParametersGroup;

// The parameters of every stage, each with a plain-language tooltip, and a live
// readout of what the sample will keep ("keeps 12.5% of the data = 7,500 images,
// 5.9 MB instead of 47.0 MB") and of what stays after patch dropping ("final keep ratio
// 12.5% x 79.6% (39 of 49 patches) = 9.9%", and once the Pixels stage ran, its stored bytes
// against the kept images' best lossless size): two savings, never one mixed ratio.
class ParametersPanel : public QWidget {
    Q_OBJECT

public:
    explicit ParametersPanel(QWidget* parent = nullptr);

    void setParameters(const StudioParameters& p);
    StudioParameters parameters() const;
    // The dataset the readout counts (rows before the limit; bytes per sample).
    void setDataInfo(qint64 datasetRows, qint64 sampleBytes, bool images);
    // The true number kept once the Sample stage ran with these parameters (-1: not yet).
    void setKeptCount(qint64 kept);
    // The patches per image the Pixels stage cuts (the real grid once known) and the bytes
    // it stored (-1: not run with these parameters; the readout estimates them).
    void setPatchCount(int patches);
    // The Pixels stage's stored bytes and the kept images' best lossless size (-1: not run).
    void setStoredBytes(qint64 stored, qint64 bestLossless = -1, const QString& losslessCodec = {});
    // Empty: the Pixels group applies; else why not (instruction data, features).
    void setPixelUnavailable(const QString& reason);
    void setEvaluateUnavailable(const QString& reason);
    // What training on the reconstructed images cost, as the Evaluate stage measured it with
    // these parameters (EvaluationText::reconstructionCost); empty: not measured.
    void setReconstructionCost(const QString& text);
    QString readoutText() const;

    QSpinBox* binsBox() const { return bins_; }
    QDoubleSpinBox* ratioBox() const { return ratio_; }
    QComboBox* modelBox() const { return model_; }
    QSpinBox* limitBox() const { return limit_; }
    PixelParametersGroup* pixelGroup() const { return pixel_; }
    EvaluateParametersGroup* evaluateGroup() const { return evaluate_; }
    // The warning shown where the model is chosen when a network has neither weights nor
    // training epochs (empty: none).
    QString randomWeightsWarning() const;

signals:
    void parametersChanged(const dqui::StudioParameters& params);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void updateReadout();
    void updateEnabled();
    void changed();

    QString pixelReadout(qint64 kept, qint64 rows) const;

    QGroupBox *featuresBox_, *binsBox_, *sampleBox_;
    QFormLayout *featuresForm_, *binsForm_, *sampleForm_;
    QComboBox *model_, *device_, *function_, *greedy_;
    QLineEdit *modelFile_, *weights_;
    QToolButton *modelFileBrowse_, *weightsBrowse_;
    QWidget *modelFileRow_, *weightsRow_;
    QSpinBox *epochs_, *limit_, *bins_, *seed_;
    QDoubleSpinBox* ratio_;
    PixelParametersGroup* pixel_;
    EvaluateParametersGroup* evaluate_;
    QLabel* readout_;
    QLabel* randomWeights_; // the network would describe images with random weights
    QString reconstructionCost_;
    qint64 datasetRows_ = 0, sampleBytes_ = 0, kept_ = -1, stored_ = -1, lossless_ = -1;
    QString losslessCodec_;
    int patches_ = 0;
    bool images_ = true;
    bool loading_ = false;
};

} // namespace dqui
