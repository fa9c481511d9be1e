#pragma once
#include <QCoreApplication>
#include <QList>
#include <QMetaType>
#include <QString>

namespace dqui {

// The stages of a DQ run, in order. A new stage is added here and to the table in
// Stage.cpp; the stage list and "Run all" pick it up. Pixel (GradCAM patches and their
// reconstruction) applies to image data only (PixelStage::unavailableReason).
enum class Stage { Dataset, Features, Bins, Sample, Pixel, Export };

class StageInfo {
    Q_DECLARE_TR_FUNCTIONS(StageInfo)

public:
    // The stages "Run all" runs, in order.
    static QList<Stage> runnable();
    static QString name(Stage s);        // "Features"
    static QString description(Stage s); // one plain sentence, for the stage list
    static QString iconPath(Stage s);
};

} // namespace dqui

Q_DECLARE_METATYPE(dqui::Stage)
