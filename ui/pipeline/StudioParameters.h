#pragma once
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QtGlobal>

namespace dqui {

// Everything the stages depend on, as the parameters panel and .dqproj files hold it.
// Names and values are those of the dq command line (dq features, dq bins, dq sample).
struct StudioParameters {
    Q_DECLARE_TR_FUNCTIONS(StudioParameters)

public:
    // Features
    QString model = QStringLiteral("pixels"); // pixels | convnet | resnet18 | resnet18-imagenet | torchscript:FILE
    QString weights;                          // a .pth state_dict, or empty
    int epochs = 0;
    QString device = QStringLiteral("auto");
    qint64 limit = 0;                         // first N samples (0: all)
    // Bins
    int bins = 10;
    QString function = QStringLiteral("graphcut"); // graphcut | facility-location | log-det
    QString greedy = QStringLiteral("lazy");       // naive | lazy | stochastic | approx-lazy
    // Sample
    double ratio = 0.125;
    // Network initialisation and training order, the stochastic greedy, the sampling.
    quint64 seed = 0;

    QJsonObject toJson() const;
    // Missing fields keep their defaults; a field of the wrong type or range is an error
    // naming it (returned in *error, parameters left unchanged).
    static bool fromJson(const QJsonObject& json, StudioParameters& out, QString* error);

    // What each stage's result depends on. Equal keys: the stored result is reused.
    // The device changes no result (only rounding), so it is in no key.
    QString featuresKey(const QString& datasetKey) const;
    QString binsKey(const QString& datasetKey) const;
    QString sampleKey(const QString& datasetKey) const;

    bool operator==(const StudioParameters& o) const { return toJson() == o.toJson(); }
    bool operator!=(const StudioParameters& o) const { return !(*this == o); }
};

} // namespace dqui
