#include "panels/StagePanel.h"

#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace dqui {

StagePanel::StagePanel(QWidget* parent) : QWidget(parent)
{
    box_ = new QGroupBox(this);
    auto* grid = new QGridLayout(box_);
    QList<Stage> stages = StageInfo::runnable();
    stages << Stage::Export;
    int r = 0;
    for (Stage s : stages) {
        Row row;
        row.icon = new QLabel(box_);
        row.icon->setPixmap(QIcon(StageInfo::iconPath(s)).pixmap(20, 20));
        row.name = new QLabel(box_);
        row.state = new QLabel(box_);
        row.state->setObjectName(QStringLiteral("state"));
        row.run = new QPushButton(box_);
        connect(row.run, &QPushButton::clicked, this, [this, s] { emit runRequested(s); });
        grid->addWidget(row.icon, r, 0);
        grid->addWidget(row.name, r, 1);
        grid->addWidget(row.state, r, 2);
        grid->addWidget(row.run, r, 3);
        rows_.insert(s, row);
        ++r;
    }
    grid->setColumnStretch(2, 1);
    runAll_ = new QPushButton(QIcon(QStringLiteral(":/icons/run-all.svg")), QString(), box_);
    runAll_->setObjectName(QStringLiteral("runAll"));
    connect(runAll_, &QPushButton::clicked, this, &StagePanel::runAllRequested);
    grid->addWidget(runAll_, r, 0, 1, 4);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(box_);
    retranslate();
}

void StagePanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void StagePanel::retranslate()
{
    box_->setTitle(tr("Stages"));
    for (auto it = rows_.begin(); it != rows_.end(); ++it) {
        it->name->setText(StageInfo::name(it.key()));
        it->run->setText(it.key() == Stage::Export ? tr("Export…") : tr("Run"));
        updateRow(it.key());
    }
    runAll_->setText(tr("Run all"));
    runAll_->setToolTip(tr("Run every stage that is not up to date, in order"));
}

QString StagePanel::statusText(Status s) const
{
    switch (s) {
    case Status::NotRun:
        return tr("not run");
    case Status::UpToDate:
        return tr("up to date");
    case Status::Outdated:
        return tr("parameters changed");
    case Status::Running:
        return tr("running…");
    case Status::Failed:
        return tr("failed");
    case Status::Cancelled:
        return tr("cancelled");
    }
    return {};
}

void StagePanel::setStatus(Stage stage, Status s)
{
    status_[stage] = s;
    updateRow(stage);
}

void StagePanel::setUnavailable(Stage stage, const QString& reason)
{
    if (reason.isEmpty())
        unavailable_.remove(stage);
    else
        unavailable_[stage] = reason;
    updateRow(stage);
}

void StagePanel::updateRow(Stage stage)
{
    const auto it = rows_.find(stage);
    if (it == rows_.end())
        return;
    const QString reason = unavailable_.value(stage);
    const QString tip = reason.isEmpty() ? StageInfo::description(stage) : reason;
    it->name->setToolTip(tip);
    it->run->setToolTip(tip);
    it->run->setEnabled(!busy_ && reason.isEmpty());
    it->name->setEnabled(reason.isEmpty());
    if (stage == Stage::Export) {
        it->state->clear();
        return;
    }
    const char* colors[] = {"#777", "#2e7d32", "#b26a00", "#1f5fbf", "#c62828", "#777"};
    const Status s = status(stage);
    it->state->setText(reason.isEmpty() ? statusText(s) : tr("not for this data"));
    it->state->setToolTip(reason);
    it->state->setStyleSheet(
        QStringLiteral("color: %1").arg(QLatin1String(reason.isEmpty() ? colors[static_cast<int>(s)] : "#999")));
}

void StagePanel::setBusy(bool busy)
{
    busy_ = busy;
    for (auto it = rows_.begin(); it != rows_.end(); ++it)
        updateRow(it.key());
    runAll_->setEnabled(!busy);
}

} // namespace dqui
