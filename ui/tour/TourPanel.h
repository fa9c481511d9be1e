#pragma once
#include "tour/TourStep.h"

#include <QList>
#include <QWidget>

class QLabel;
class QPushButton;

namespace dqui {

// The "Try it" walkthrough beside the views: one step at a time, Back / Show me / Next.
class TourPanel : public QWidget {
    Q_OBJECT

public:
    explicit TourPanel(QWidget* parent = nullptr);

    // Keeps the current step (steps are rebuilt when the language changes).
    void setSteps(const QList<TourStep>& steps);
    void setStep(int index);
    int step() const { return index_; }
    int stepCount() const { return steps_.size(); }
    void setBusy(bool busy);
    void showMe();
    QString titleText() const;
    QString bodyText() const;
    // Next, or Done on the last step (which ends the tour).
    QPushButton* nextButton() const { return next_; }

signals:
    void finished(); // Done on the last step

protected:
    void changeEvent(QEvent* event) override;

private:
    void refresh();

    QList<TourStep> steps_;
    int index_ = 0;
    bool busy_ = false;
    QLabel *counter_, *title_, *body_;
    QPushButton *back_, *show_, *next_;
};

} // namespace dqui
