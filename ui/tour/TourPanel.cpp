#include "tour/TourPanel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace dqui {

TourPanel::TourPanel(QWidget* parent) : QWidget(parent)
{
    counter_ = new QLabel(this);
    counter_->setStyleSheet(QStringLiteral("color: #666"));
    title_ = new QLabel(this);
    title_->setObjectName(QStringLiteral("tourTitle"));
    title_->setWordWrap(true);
    QFont f = title_->font();
    f.setPointSizeF(f.pointSizeF() * 1.35);
    f.setBold(true);
    title_->setFont(f);
    body_ = new QLabel(this);
    body_->setWordWrap(true);
    body_->setTextFormat(Qt::RichText);
    body_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    QFont bf = body_->font();
    bf.setPointSizeF(bf.pointSizeF() * 1.1);
    body_->setFont(bf);
    back_ = new QPushButton(this);
    show_ = new QPushButton(this);
    show_->setObjectName(QStringLiteral("tourShowMe"));
    show_->setDefault(true);
    next_ = new QPushButton(this);
    connect(back_, &QPushButton::clicked, this, [this] { setStep(index_ - 1); });
    connect(next_, &QPushButton::clicked, this, [this] {
        if (index_ + 1 < steps_.size())
            setStep(index_ + 1);
        else
            emit finished();
    });
    connect(show_, &QPushButton::clicked, this, &TourPanel::showMe);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(back_);
    buttons->addStretch(1);
    buttons->addWidget(next_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(counter_);
    layout->addWidget(title_);
    layout->addWidget(body_, 1);
    layout->addWidget(show_);
    layout->addLayout(buttons);
    // One width for every step (and language): the dock does not jump as the text changes.
    setFixedWidth(std::max(280, fontMetrics().averageCharWidth() * 44));
    refresh();
}

void TourPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        refresh();
    QWidget::changeEvent(event);
}

void TourPanel::setSteps(const QList<TourStep>& steps)
{
    steps_ = steps;
    index_ = std::clamp(index_, 0, std::max(0, static_cast<int>(steps_.size()) - 1));
    refresh();
}

void TourPanel::setStep(int index)
{
    if (index < 0 || index >= steps_.size())
        return;
    index_ = index;
    refresh();
}

void TourPanel::setBusy(bool busy)
{
    busy_ = busy;
    refresh();
}

void TourPanel::showMe()
{
    if (index_ < steps_.size() && steps_[index_].action && !busy_)
        steps_[index_].action();
}

void TourPanel::refresh()
{
    back_->setText(tr("Back"));
    const bool last = index_ + 1 >= steps_.size();
    next_->setText(last ? tr("Done") : tr("Next"));
    next_->setToolTip(last ? tr("End the tour") : QString());
    if (steps_.isEmpty()) {
        counter_->clear();
        title_->clear();
        body_->clear();
        show_->setVisible(false);
        return;
    }
    const TourStep& s = steps_[index_];
    counter_->setText(tr("Step %1 of %2").arg(index_ + 1).arg(steps_.size()));
    title_->setText(s.title);
    body_->setText(s.textNow ? s.textNow() : s.text);
    show_->setText(s.actionLabel);
    show_->setVisible(static_cast<bool>(s.action));
    show_->setEnabled(!busy_);
    back_->setEnabled(index_ > 0);
    next_->setEnabled(true); // Next, or Done on the last step
}

QString TourPanel::titleText() const { return title_->text(); }
QString TourPanel::bodyText() const { return body_->text(); }

} // namespace dqui
