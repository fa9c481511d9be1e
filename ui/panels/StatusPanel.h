#pragma once
#include "pipeline/Job.h"

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace dqui {

// The status bar's job display: the stage, a progress bar, the rate and the time left,
// and Cancel.
class StatusPanel : public QWidget {
    Q_OBJECT

public:
    explicit StatusPanel(QWidget* parent = nullptr);

    void begin(const QString& stage);
    void update(const JobProgress& progress);
    void end(const QString& message);
    QString stageText() const;
    QString rateText() const;
    QPushButton* cancelButton() const { return cancel_; }
    // Core's step names and details in the user's language.
    static QString stepName(const QString& coreStage);
    static QString detailText(const QString& detail);

signals:
    void cancelRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    QLabel* stage_;
    QProgressBar* bar_;
    QLabel* rate_;
    QPushButton* cancel_;
    QString stageName_, coreStage_;
    QElapsedTimer timer_;
    qint64 firstDone_ = 0;
    double firstMs_ = 0;
};

} // namespace dqui
