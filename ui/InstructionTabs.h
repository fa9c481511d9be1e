#pragma once
#include "pipeline/Results.h"

#include <QCoreApplication>
#include <QMap>
#include <QObject>
#include <QPointer>

class QTabWidget;
class QWidget;

namespace dqui {

class CompositionView;
class InstructionsView;

// The window's views for instruction data: the Instructions tab (added last while
// instruction data is open, removed again for image data), the bin sizes counted in records, and the image-only tabs
// disabled with the reason in their tooltips. The window calls setResults whenever a
// result changes and retranslate after it set its own tab texts.
class InstructionTabs : public QObject {
    Q_OBJECT

public:
    struct ImageTab {
        QWidget* widget;
        enum Reason { Pictures, Scatter, Storage, Pixels, Evaluation } reason;
    };

    InstructionTabs(QTabWidget* tabs, QList<ImageTab> imageTabs, CompositionView* composition, QObject* parent);

    InstructionsView* view() const { return view_; }
    int tabIndex() const; // -1 while no instruction data is open
    bool isActive() const { return active_; }

    void setResults(DatasetPtr dataset, FeaturesPtr features, BinsPtr bins, SamplePtr sample);
    void retranslate();

private:
    void updateTabs();
    void setTabTexts();
    QString reason(ImageTab::Reason r) const;

    QTabWidget* tabs_;
    QList<ImageTab> imageTabs_;
    CompositionView* composition_;
    InstructionsView* view_;
    DatasetPtr dataset_;
    bool active_ = false;
    QMap<QWidget*, QString> savedToolTips_; // the window's tooltips of the disabled tabs
};

} // namespace dqui
