#pragma once
#include "pipeline/StudioParameters.h"

#include <QGroupBox>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLineEdit;
class QSlider;
class QToolButton;

namespace dqui {

// The Pixels stage's parameters in the parameters panel: the mask ratio (a slider and a
// number), the CAM method and target, and the reconstruction backend (the compact MAE
// trained here, an MAE checkpoint file, or OpenCV inpainting), each with a tooltip.
class PixelParametersGroup : public QGroupBox {
    Q_OBJECT

public:
    explicit PixelParametersGroup(QWidget* parent = nullptr);

    // Sets the fields from / writes them into the pixel fields of `p`.
    void load(const StudioParameters& p);
    void store(StudioParameters& p) const;
    void setUnavailable(const QString& reason); // empty: enabled
    void retranslate();

    QDoubleSpinBox* maskRatioBox() const { return mask_; }
    QSlider* maskRatioSlider() const { return slider_; }
    QComboBox* camBox() const { return cam_; }
    QComboBox* camTargetBox() const { return target_; }
    QComboBox* reconBox() const { return recon_; }
    QLineEdit* checkpointEdit() const { return file_; }

signals:
    void changed();

private:
    void updateEnabled();

    QFormLayout* form_;
    QSlider* slider_;
    QDoubleSpinBox* mask_;
    QWidget *maskRow_, *fileRow_;
    QComboBox *cam_, *target_, *recon_;
    QLineEdit* file_;
    QToolButton* browse_;
    QString checkpointKind_ = QStringLiteral("mae"); // "mae-compact" for a project's mae-compact:FILE
    QString unavailable_;
    bool loading_ = false;
};

} // namespace dqui
