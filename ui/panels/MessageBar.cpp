#include "panels/MessageBar.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace dqui {

MessageBar::MessageBar(QWidget* parent) : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    icon_ = new QLabel(this);
    text_ = new QLabel(this);
    text_->setWordWrap(true);
    text_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    text_->setOpenExternalLinks(true);
    close_ = new QToolButton(this);
    close_->setAutoRaise(true);
    close_->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close_->setToolTip(tr("Close this message"));
    connect(close_, &QToolButton::clicked, this, &QWidget::hide);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(icon_, 0, Qt::AlignTop);
    layout->addWidget(text_, 1);
    layout->addWidget(close_, 0, Qt::AlignTop);
    hide();
}

void MessageBar::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        close_->setToolTip(tr("Close this message"));
    QFrame::changeEvent(event);
}

void MessageBar::show(Kind kind, const QString& text)
{
    kind_ = kind;
    const char* colors[] = {"#e8f0fb; border: 1px solid #9bb7e0", "#fdf6e0; border: 1px solid #e3c76a",
                            "#fbe9e9; border: 1px solid #d88"};
    setStyleSheet(QStringLiteral("dqui--MessageBar { background: %1; border-radius: 4px; }")
                      .arg(QLatin1String(colors[static_cast<int>(kind)])));
    const QStyle::StandardPixmap icons[] = {QStyle::SP_MessageBoxInformation, QStyle::SP_MessageBoxWarning,
                                            QStyle::SP_MessageBoxCritical};
    icon_->setPixmap(style()->standardIcon(icons[static_cast<int>(kind)]).pixmap(20, 20));
    text_->setText(text);
    QFrame::show();
}

QString MessageBar::text() const { return text_->text(); }

} // namespace dqui
