#pragma once
#include "pipeline/StudioParameters.h"

#include <QGroupBox>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace dqui {

// What the Compare stage compares: a checkable list of the methods (DQ, random and the
// field's selection methods, each with a tooltip saying what it keeps), the keep ratios,
// ccs's score, the trainings EL2N and GraNd are averaged over, and Run and Cancel. The recipe and seeds are the Evaluate
// parameters'.
class CompareChoices : public QGroupBox {
    Q_OBJECT

public:
    explicit CompareChoices(QWidget* parent = nullptr);

    void load(const StudioParameters& p);
    void store(StudioParameters& p) const;
    // The Evaluate recipe that will train every subset, in words.
    void setRecipe(const StudioParameters& p);
    void setRunning(bool running, bool pipelineBusy);
    void setUnavailable(const QString& reason); // empty: enabled

    QListWidget* methodList() const { return methods_; }
    QLineEdit* ratiosEdit() const { return ratios_; }
    QComboBox* scoreBox() const { return score_; }
    QSpinBox* scoreSeedsBox() const { return scoreSeeds_; }
    QPushButton* runButton() const { return run_; }
    QPushButton* cancelButton() const { return cancel_; }
    void setMethodChecked(const QString& method, bool checked);

signals:
    void changed();
    void runRequested();
    void cancelRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    QListWidget* methods_;
    QLabel *ratiosLabel_, *scoreLabel_, *scoreSeedsLabel_, *recipe_;
    QLineEdit* ratios_;
    QComboBox* score_;
    QSpinBox* scoreSeeds_;
    QPushButton *run_, *cancel_;
    StudioParameters recipeOf_;
    bool loading_ = false;
};

} // namespace dqui
