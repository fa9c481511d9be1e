#pragma once
#include "pipeline/StudioParameters.h"

#include <QGroupBox>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLineEdit;
class QSpinBox;

namespace dqui {

// The Evaluate stage's parameters in the parameters panel: the network trained from
// scratch (ConvNet-3 and its width, or ResNet-18), epochs, seeds, what the kept images are
// compared with (random images of the same classes, their reconstruction, the whole
// training set) and the ratio sweep, each with a tooltip; and an estimate of the time.
class EvaluateParametersGroup : public QGroupBox {
    Q_OBJECT

public:
    explicit EvaluateParametersGroup(QWidget* parent = nullptr);

    void load(const StudioParameters& p);
    void store(StudioParameters& p) const;
    void setUnavailable(const QString& reason); // empty: enabled
    void retranslate();

    QComboBox* modelBox() const { return model_; }
    QSpinBox* epochsBox() const { return epochs_; }
    QSpinBox* seedsBox() const { return seeds_; }
    QLineEdit* ratiosEdit() const { return ratios_; }

signals:
    void changed();

private:
    void updateEnabled();

    QFormLayout* form_;
    QComboBox* model_;
    QSpinBox *width_, *epochs_, *seeds_;
    QCheckBox *random_, *reconstructed_, *full_;
    QLineEdit* ratios_;
    bool loading_ = false;
};

} // namespace dqui
