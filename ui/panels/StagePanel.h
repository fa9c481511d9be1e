#pragma once
#include "pipeline/Stage.h"

#include <QMap>
#include <QWidget>

class QGroupBox;
class QLabel;
class QPushButton;

namespace dqui {

// The stages as a list: each with its state (not run, up to date, needs a new run,
// running, failed) and a button that runs it; Run all below. Built from StageInfo, so
// a new stage appears here without changes to this class.
class StagePanel : public QWidget {
    Q_OBJECT

public:
    enum class Status { NotRun, UpToDate, Outdated, Running, Failed, Cancelled };

    explicit StagePanel(QWidget* parent = nullptr);
    void setStatus(Stage stage, Status status);
    Status status(Stage stage) const { return status_.value(stage, Status::NotRun); }
    void setBusy(bool busy);
    // Empty: the stage applies to the open data; else why not (its row is disabled and
    // says so in its tooltip).
    void setUnavailable(Stage stage, const QString& reason);
    QString unavailableReason(Stage stage) const { return unavailable_.value(stage); }
    QPushButton* runButton(Stage stage) const { return rows_.value(stage).run; }
    QPushButton* runAllButton() const { return runAll_; }

signals:
    void runRequested(dqui::Stage stage);
    void runAllRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Row {
        QLabel* icon = nullptr;
        QLabel* name = nullptr;
        QLabel* state = nullptr;
        QPushButton* run = nullptr;
    };
    void retranslate();
    void updateRow(Stage stage);
    QString statusText(Status s) const;

    QGroupBox* box_;
    QMap<Stage, Row> rows_;
    QMap<Stage, Status> status_;
    QMap<Stage, QString> unavailable_;
    bool busy_ = false;
    QPushButton* runAll_;
};

} // namespace dqui
