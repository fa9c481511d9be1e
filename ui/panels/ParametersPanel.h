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

// The parameters of every stage, each with a plain-language tooltip, and a live
// readout of what the sample will keep ("keeps 12.5% of the data = 7,500 images,
// 5.9 MB instead of 47.0 MB"). The pixel stage's mask ratio, CAM method and
// reconstruction backend join as one more group.
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
    QString readoutText() const;

    QSpinBox* binsBox() const { return bins_; }
    QDoubleSpinBox* ratioBox() const { return ratio_; }
    QComboBox* modelBox() const { return model_; }
    QSpinBox* limitBox() const { return limit_; }

signals:
    void parametersChanged(const dqui::StudioParameters& params);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void updateReadout();
    void updateEnabled();
    void changed();

    QGroupBox *featuresBox_, *binsBox_, *sampleBox_;
    QFormLayout *featuresForm_, *binsForm_, *sampleForm_;
    QComboBox *model_, *device_, *function_, *greedy_;
    QLineEdit *modelFile_, *weights_;
    QToolButton *modelFileBrowse_, *weightsBrowse_;
    QWidget *modelFileRow_, *weightsRow_;
    QSpinBox *epochs_, *limit_, *bins_, *seed_;
    QDoubleSpinBox* ratio_;
    QLabel* readout_;
    qint64 datasetRows_ = 0, sampleBytes_ = 0, kept_ = -1;
    bool images_ = true;
    bool loading_ = false;
};

} // namespace dqui
