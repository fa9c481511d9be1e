#pragma once
#include <QCoreApplication>
#include <QList>
#include <QMetaType>
#include <QString>

namespace dqui {

// The stages of a DQ run, in order. What each stage is for the open data (its key, its
// inputs, its job, the views that draw it) is one StageEntry of the StageSet chosen when
// the dataset opens; its name, sentence and icon are in the table in Stage.cpp. Pixel
// (GradCAM patches and their reconstruction) applies to image data only; Evaluate
// (training fresh networks on the kept images) to labelled images with a test split, and
// runs only when asked for: "Run all" stops at Pixel. Compare (DQ against the field's
// selection methods at several keep ratios) needs the features and bins only, and also
// runs only when asked for.
enum class Stage { Dataset, Features, Bins, Sample, Pixel, Evaluate, Compare, Export };

// The window's views, in tab order (MainWindow::View): a stage entry names the views that
// draw its result.
enum class View { Dataset, Embedding, Bins, Samples, Pixels, Storage, Evaluate, Compare };

class StageInfo {
    Q_DECLARE_TR_FUNCTIONS(StageInfo)

public:
    // The stages that can be run, in order; "Run all" runs them up to runAllTarget().
    static QList<Stage> runnable();
    static Stage runAllTarget() { return Stage::Pixel; }
    static QString name(Stage s); // "Features"
    static QString description(Stage s); // one plain sentence, for the stage list
    static QString iconPath(Stage s);
};

} // namespace dqui

Q_DECLARE_METATYPE(dqui::Stage)
