#pragma once
#include "pipeline/StudioParameters.h"

#include <QCoreApplication>
#include <QString>

namespace dqui {

// A .dqproj file: JSON with the dataset spec, the parameters and where the results are.
//   {"format": "dq-project", "format_version": 1, "dataset": "fashion-mnist",
//    "parameters": {...}, "results": {"features": DIR, "bins": DIR, "export": DIR}}
// Paths inside are absolute when saved; relative ones are read relative to the file.
struct Project {
    Q_DECLARE_TR_FUNCTIONS(Project)

public:
    QString dataset;
    StudioParameters parameters;
    QString featuresFolder, binsFolder, exportFolder;

    // Atomic. Returns false with *error naming the file and the problem.
    bool save(const QString& path, QString* error) const;
    static bool load(const QString& path, Project& out, QString* error);
};

} // namespace dqui
