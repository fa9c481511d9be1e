#pragma once
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <vector>

namespace dqui {

// Everything the stages depend on, as the parameters panel and .dqproj files hold it.
// Names and values are those of the dq command line (dq features, dq bins, dq sample,
// dq pixel).
struct StudioParameters {
    Q_DECLARE_TR_FUNCTIONS(StudioParameters)

public:
    // Features
    QString model = QStringLiteral("pixels"); // pixels | convnet | resnet18 | resnet18-imagenet | torchscript:FILE
    QString weights; // a .pth state_dict, or empty
    int epochs = 0;
    QString device = QStringLiteral("auto");
    qint64 limit = 0; // first N samples (0: all)
    // Bins
    int bins = 10;
    QString function = QStringLiteral("graphcut"); // graphcut | facility-location | log-det
    QString greedy = QStringLiteral("lazy"); // naive | lazy | stochastic | approx-lazy
    // Sample
    double ratio = 0.125;
    // Network initialisation and training order, the stochastic greedy, the sampling.
    quint64 seed = 0;
    // Pixel
    double maskRatio = 0.2; // fraction of patches dropped, [0, 0.95]
    QString cam = QStringLiteral("gradcam++"); // gradcam++ | gradcam | random
    QString camTarget = QStringLiteral("predicted"); // predicted | label
    QString recon = QStringLiteral("mae-compact"); // mae-compact | mae:FILE | mae-compact:FILE | inpaint:telea | inpaint:ns
    // Evaluate (dq evaluate): fresh networks trained on the kept images and on what they
    // are compared with, tested on the test split, over seeds 0 .. evalSeeds - 1.
    QString evalModel = QStringLiteral("convnet"); // convnet | resnet18
    int evalWidth = 32; // ConvNet's channels per block
    int evalEpochs = 6;
    int evalSeeds = 3;
    bool evalRandom = true; // random images with the kept ones' class counts
    bool evalReconstructed = true; // the Pixels stage's reconstructed images (image data only)
    bool evalFull = false; // the whole training split
    QString evalRatios; // the sweep's keep ratios, e.g. "0.01,0.05,0.125,0.25"; empty: no sweep
    // Compare (dq evaluate --methods): DQ and the field's selection methods with DQ's
    // per-class budgets at every keep ratio, trained by the Evaluate recipe above.
    QString compareMethods = QStringLiteral("dq,random,kcenter,herding"); // dq, random, core's selection methods
    QString compareRatios = QStringLiteral("0.01,0.05,0.125,0.25");
    QString compareScore = QStringLiteral("el2n"); // ccs's difficulty score (dq select --score)
    int compareScoreSeeds = 1; // EL2N / GraNd averaged over this many trainings (dq evaluate --score-seeds)

    QJsonObject toJson() const;
    // Missing fields keep their defaults; a field of the wrong type or range is an error
    // naming it (returned in *error, parameters left unchanged).
    static bool fromJson(const QJsonObject& json, StudioParameters& out, QString* error);

    // What each stage's result depends on. Equal keys: the stored result is reused.
    // The device changes no result (only rounding), so it is in no key.
    QString featuresKey(const QString& datasetKey) const;
    QString binsKey(const QString& datasetKey) const;
    QString sampleKey(const QString& datasetKey) const;
    QString pixelKey(const QString& datasetKey) const;
    // The Evaluate stage: the sample's key, the pixel key when the reconstructed images
    // are compared, and the evaluation's own choices.
    QString evaluateKey(const QString& datasetKey) const;
    // evalRatios as numbers; false (and *error naming eval_ratios) when one is not in (0, 1].
    bool evalRatioList(std::vector<double>& ratios, QString* error) const;
    // The Compare stage: the features' and bins' keys, the methods, ratios, score and the
    // Evaluate recipe (not the sample: every method draws at the comparison's ratios).
    QString compareKey(const QString& datasetKey) const;
    bool compareRatioList(std::vector<double>& ratios, QString* error) const; // names compare_ratios
    QStringList compareMethodList() const;
    // What the pixel view's models depend on: the pixel key without the sample and the
    // mask ratio (a preview takes any mask ratio from the same session).
    QString pixelSessionKey(const QString& datasetKey) const;

    // The classifier the CAMs come from: the feature model, trained as the Features stage
    // trains it; raw pixels and untrained networks get one epoch of training (a CAM needs
    // a classifier that has learnt something).
    QString camModel() const;
    QString camWeights() const;
    int camEpochs() const;

    bool operator==(const StudioParameters& o) const { return toJson() == o.toJson(); }
    bool operator!=(const StudioParameters& o) const { return !(*this == o); }
};

} // namespace dqui
