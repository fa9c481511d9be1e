#include "InstructionTabs.h"

#include "views/CompositionView.h"
#include "views/InstructionsView.h"

#include <QTabWidget>

namespace dqui {

InstructionTabs::InstructionTabs(QTabWidget* tabs, QList<ImageTab> imageTabs, CompositionView* composition, QObject* parent)
        : QObject(parent), tabs_(tabs), imageTabs_(std::move(imageTabs)), composition_(composition)
{
    // A tab only while instruction data is open: image data keeps the window's tabs as they are.
    view_ = new InstructionsView(tabs);
    view_->setObjectName(QStringLiteral("instructionsView"));
    view_->hide();
    // The View menu may ask for a tab that does not apply.
    connect(tabs_, &QTabWidget::currentChanged, this, [this](int i) {
        if (active_ && i >= 0 && !tabs_->isTabEnabled(i))
            tabs_->setCurrentIndex(tabIndex());
    });
    retranslate();
}

int InstructionTabs::tabIndex() const { return tabs_->indexOf(view_); }

void InstructionTabs::setResults(DatasetPtr dataset, FeaturesPtr features, BinsPtr bins, SamplePtr sample)
{
    const bool newData = dataset != dataset_;
    dataset_ = dataset;
    const bool active = dataset && dataset->instructions;
    composition_->setUnit(active ? CompositionView::Unit::Records : CompositionView::Unit::Images);
    if (!active && !active_)
        return; // image data: nothing of ours to update
    view_->setResults(std::move(dataset), std::move(features), std::move(bins), std::move(sample));
    if (active != active_) {
        active_ = active;
        updateTabs();
    }
    if (active_ && newData)
        tabs_->setCurrentIndex(tabIndex());
}

void InstructionTabs::retranslate()
{
    setTabTexts();
    savedToolTips_.clear(); // the window has just set its own again
    updateTabs();
}

void InstructionTabs::setTabTexts()
{
    const int i = tabIndex();
    if (i < 0)
        return;
    tabs_->setTabText(i, tr("Instructions"));
    tabs_->setTabToolTip(
        i, tr("The records of the instruction data: search them, see their bins and which ones the sample keeps"));
}

QString InstructionTabs::reason(ImageTab::Reason r) const
{
    switch (r) {
    case ImageTab::Pictures:
        return tr("Not for instruction data: this view shows pictures. The records are in the Instructions view.");
    case ImageTab::Scatter:
        return tr("For instruction data the embedding scatter is in the Instructions view, beside the records.");
    case ImageTab::Storage:
        return tr(
            "Not for instruction data: this view counts pixels. The Instructions view shows how much text the sample keeps.");
    case ImageTab::Pixels:
        return tr("Not for instruction data: text has no pixels to drop. The records are in the Instructions view.");
    case ImageTab::Evaluation:
        return tr("Not for instruction data: this view trains an image classifier. The records are in the "
                  "Instructions view.");
    }
    return {};
}

void InstructionTabs::updateTabs()
{
    for (const ImageTab& t : imageTabs_) {
        const int i = tabs_->indexOf(t.widget);
        if (i < 0)
            continue;
        if (active_) {
            if (!savedToolTips_.contains(t.widget))
                savedToolTips_.insert(t.widget, tabs_->tabToolTip(i));
            tabs_->setTabToolTip(i, reason(t.reason));
        } else if (savedToolTips_.contains(t.widget)) {
            tabs_->setTabToolTip(i, savedToolTips_.take(t.widget));
        }
        tabs_->setTabEnabled(i, !active_);
    }
    if (active_ && tabIndex() < 0) {
        tabs_->addTab(view_, QString());
        setTabTexts();
    } else if (!active_ && tabIndex() >= 0) {
        tabs_->removeTab(tabIndex());
        view_->hide();
    }
    if (active_ && !tabs_->isTabEnabled(tabs_->currentIndex()))
        tabs_->setCurrentIndex(tabIndex());
}

} // namespace dqui
