#pragma once
#include <QCoreApplication>
#include <QList>
#include <QMetaType>
#include <QString>

namespace dqui {

// The stages of a DQ run, in order. A new stage is added here and to the table in
// Stage.cpp; the stage list picks it up. Pixel (GradCAM patches and their
// reconstruction) applies to image data only (PixelStage::unavailableReason); Evaluate
// (training fresh networks on the kept images) to labelled images with a test split, and
// runs only when asked for: "Run all" stops at Pixel. Compare (DQ against the field's
// selection methods at several keep ratios) needs the features and bins only, and also
// runs only when asked for.
enum class Stage { Dataset, Features, Bins, Sample, Pixel, Evaluate, Compare, Export };

class StageInfo {
    Q_DECLARE_TR_FUNCTIONS(StageInfo)

public:
    // The stages that can be run, in order; "Run all" runs them up to runAllTarget().
    static QList<Stage> runnable();
    static Stage runAllTarget() { return Stage::Pixel; }
    static QString name(Stage s);        // "Features"
    static QString description(Stage s); // one plain sentence, for the stage list
    static QString iconPath(Stage s);
};

} // namespace dqui

Q_DECLARE_METATYPE(dqui::Stage)
