#include "panels/FreshnessBar.h"

#include "pipeline/Pipeline.h"

#include <QLocale>

namespace dqui {

FreshnessBar::FreshnessBar(QWidget* parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("freshness"));
    setWordWrap(true);
    setContentsMargins(8, 4, 8, 4);
    hide();
}

void FreshnessBar::refresh(const Pipeline& p, const QList<Stage>& sources)
{
    QStringList outdated, computing;
    for (Stage s : sources) {
        if (!p.unavailableReason(s).isEmpty())
            continue;
        if (p.isPending(s))
            computing << StageInfo::name(s);
        else if (p.hasResult(s) && !p.isUpToDate(s))
            outdated << StageInfo::name(s);
    }
    if (!computing.isEmpty()) {
        state_ = State::Computing;
        setText(tr("Being computed: the %1 stage runs now or next; this view updates when it ends.")
                    .arg(QLocale().createSeparatedList(computing)));
        setStyleSheet(QStringLiteral("QLabel { background: #eef4fb; border: 1px solid #b8cce4; border-radius: 3px; }"));
    } else if (!outdated.isEmpty()) {
        state_ = State::Outdated;
        setText(tr("Not current: these figures come from the %1 stage run with other parameters. Run all (Ctrl+R) "
                   "brings them up to date.")
                    .arg(QLocale().createSeparatedList(outdated)));
        setStyleSheet(QStringLiteral("QLabel { background: #fff4d6; border: 1px solid #e0c070; border-radius: 3px; }"));
    } else {
        state_ = State::Current;
    }
    setVisible(state_ != State::Current);
}

} // namespace dqui
