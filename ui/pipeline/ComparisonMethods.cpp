#include "pipeline/ComparisonMethods.h"

#include "pipeline/StudioParameters.h"
#include "selection/SelectionParams.h"

namespace dqui {

QStringList ComparisonMethods::all()
{
    QStringList out{QStringLiteral("dq")};
    for (const std::string& m : dq::selectionMethodNames())
        out << QString::fromStdString(m); // random first: core's order
    return out;
}

QStringList ComparisonMethods::ccsScores()
{
    return {QStringLiteral("el2n"),
            QStringLiteral("grand"),
            QStringLiteral("forgetting"),
            QStringLiteral("aum"),
            QStringLiteral("least-confidence"),
            QStringLiteral("margin"),
            QStringLiteral("entropy")};
}

QString ComparisonMethods::scoreName(const QString& s)
{
    if (s == QLatin1String("el2n"))
        return tr("EL2N");
    if (s == QLatin1String("grand"))
        return tr("GraNd");
    if (s == QLatin1String("forgetting"))
        return tr("forgetting events");
    if (s == QLatin1String("aum"))
        return tr("AUM");
    if (s == QLatin1String("least-confidence"))
        return tr("least confidence");
    if (s == QLatin1String("margin"))
        return tr("margin");
    if (s == QLatin1String("entropy"))
        return tr("entropy");
    return s;
}

QString ComparisonMethods::displayName(const QString& m)
{
    if (m == QLatin1String("dq"))
        return tr("DQ");
    if (m == QLatin1String("random"))
        return tr("Random");
    if (m == QLatin1String("kcenter"))
        return tr("k-center greedy");
    if (m == QLatin1String("herding"))
        return tr("Herding");
    if (m == QLatin1String("moderate"))
        return tr("Moderate-DS");
    if (m == QLatin1String("uncertainty"))
        return tr("Uncertainty");
    if (m == QLatin1String("el2n"))
        return tr("EL2N");
    if (m == QLatin1String("grand"))
        return tr("GraNd");
    if (m == QLatin1String("forgetting"))
        return tr("Forgetting");
    if (m == QLatin1String("aum"))
        return tr("AUM");
    if (m == QLatin1String("ccs"))
        return tr("CCS");
    if (m == QLatin1String("submodular"))
        return tr("Submodular (no bins)");
    return m;
}

QString ComparisonMethods::description(const QString& m)
{
    if (m == QLatin1String("dq"))
        return tr("Dataset Quantization: the same share of every bin and class.");
    if (m == QLatin1String("random"))
        return tr("Random images, as many of every class as DQ keeps, drawn anew for every seed.");
    if (m == QLatin1String("kcenter"))
        return tr("Each next image is the one farthest from those already kept (Sener and Savarese).");
    if (m == QLatin1String("herding"))
        return tr("Images whose running mean stays closest to the class mean (Welling).");
    if (m == QLatin1String("moderate"))
        return tr("Images at the median distance from their class centre (Xia et al.).");
    if (m == QLatin1String("uncertainty"))
        return tr("The images the trained network is least sure about (least confidence).");
    if (m == QLatin1String("el2n"))
        return tr("The images with the largest error of the trained network (Paul et al.).");
    if (m == QLatin1String("grand"))
        return tr("The images with the largest loss gradient (Paul et al., last layer).");
    if (m == QLatin1String("forgetting"))
        return tr("The images most often forgotten during training (Toneva et al.).");
    if (m == QLatin1String("aum"))
        return tr("The images with the lowest margin during training (Pleiss et al.).");
    if (m == QLatin1String("ccs"))
        return tr("Coverage-centric: drop the hardest 10%, then spread the budget over the score range (Zheng et al.).");
    if (m == QLatin1String("submodular"))
        return tr("One greedy selection of the whole budget, as DQ does within each bin, without bins.");
    return {};
}

bool ComparisonMethods::needsTrainedNetwork(const QString& m)
{
    return m == QLatin1String("uncertainty") || m == QLatin1String("el2n") || m == QLatin1String("grand") ||
           m == QLatin1String("forgetting") || m == QLatin1String("aum") || m == QLatin1String("ccs");
}

QString ComparisonMethods::missingInputs(const StudioParameters& p)
{
    QStringList needing;
    for (const QString& m : p.compareMethodList())
        if (needsTrainedNetwork(m))
            needing << displayName(m);
    if (needing.isEmpty())
        return {};
    const bool network = p.model != QLatin1String("pixels");
    if (network && p.epochs >= 1)
        return {};
    // The features folder of a trained network holds logits.npy, forgetting.npy and aum.npy.
    return tr("%1 need the scores of a trained network: in Features choose a network (e.g. ConvNet) with 1 or more "
              "training epochs, then run Compare again (it runs the Features stage first).")
        .arg(needing.join(QStringLiteral(", ")));
}

double ComparisonMethods::ratioOf(const std::string& subsetName)
{
    const QString m = methodOf(subsetName);
    return m.isEmpty() ? 0.0 : QString::fromStdString(subsetName).mid(m.size() + 1).toDouble();
}

QString ComparisonMethods::methodOf(const std::string& subsetName)
{
    const QString n = QString::fromStdString(subsetName);
    for (const QString& m : all())
        if (n.startsWith(m + QLatin1Char('-')))
            return m;
    return {};
}

} // namespace dqui
