#pragma once
#include <QCoreApplication>
#include <QList>
#include <QMetaType>
#include <QString>

namespace dqui {

// The stages of a DQ run, in order. The pixel stage (GradCAM patches and reconstruction)
// joins between Sample and Export when core has it: add it here and to the table in
// Stage.cpp, and the stage list, the toolbar and "Run all" pick it up.
enum class Stage { Dataset, Features, Bins, Sample, Export };

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
