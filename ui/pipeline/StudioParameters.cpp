#include "pipeline/StudioParameters.h"

#include "common/Error.h"
#include "pipeline/ComparisonMethods.h"
#include "pixel/ReconstructionSpec.h"

#include <QJsonValue>
#include <QStringList>

namespace dqui {
namespace {

bool oneOf(const QString& v, const QStringList& allowed) { return allowed.contains(v); }

// What dq pixel accepts (core's parser).
bool validRecon(const QString& r)
{
    try {
        dq::parseReconstructionSpec(r.toStdString());
        return true;
    } catch (const dq::UsageError&) {
        return false;
    }
}

bool isNetwork(const QString& model) { return model != QLatin1String("pixels"); }

// Comma-separated keep ratios; *error names `field` when one is not in (0, 1].
bool parseRatios(const QString& text, const char* field, std::vector<double>& ratios, QString* error)
{
    ratios.clear();
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const double r = part.trimmed().toDouble(&ok);
        if (!ok || !(r > 0 && r <= 1)) {
            if (error)
                *error =
                    StudioParameters::tr("%1: '%2' is not a keep ratio in (0, 1]").arg(QLatin1String(field), part.trimmed());
            return false;
        }
        ratios.push_back(r);
    }
    return true;
}

} // namespace

QJsonObject StudioParameters::toJson() const
{
    return QJsonObject{{QStringLiteral("model"), model},
                       {QStringLiteral("weights"), weights},
                       {QStringLiteral("epochs"), epochs},
                       {QStringLiteral("device"), device},
                       {QStringLiteral("limit"), limit},
                       {QStringLiteral("bins"), bins},
                       {QStringLiteral("function"), function},
                       {QStringLiteral("greedy"), greedy},
                       {QStringLiteral("ratio"), ratio},
                       // JSON numbers are doubles: exact up to 2^53, beyond that a seed travels as text.
                       {QStringLiteral("seed"), seed <= (quint64(1) << 53) ? QJsonValue(static_cast<qint64>(seed))
                                                                           : QJsonValue(QString::number(seed))},
                       {QStringLiteral("mask_ratio"), maskRatio},
                       {QStringLiteral("cam"), cam},
                       {QStringLiteral("cam_target"), camTarget},
                       {QStringLiteral("recon"), recon},
                       {QStringLiteral("eval_model"), evalModel},
                       {QStringLiteral("eval_width"), evalWidth},
                       {QStringLiteral("eval_epochs"), evalEpochs},
                       {QStringLiteral("eval_seeds"), evalSeeds},
                       {QStringLiteral("eval_random"), evalRandom},
                       {QStringLiteral("eval_reconstructed"), evalReconstructed},
                       {QStringLiteral("eval_full"), evalFull},
                       {QStringLiteral("eval_ratios"), evalRatios},
                       {QStringLiteral("compare_methods"), compareMethods},
                       {QStringLiteral("compare_ratios"), compareRatios},
                       {QStringLiteral("compare_score"), compareScore},
                       {QStringLiteral("compare_score_seeds"), compareScoreSeeds}};
}

bool StudioParameters::fromJson(const QJsonObject& j, StudioParameters& out, QString* error)
{
    StudioParameters p = out;
    QString bad;
    const auto text = [&](const char* name, QString& field) {
        const QJsonValue v = j.value(QLatin1String(name));
        if (v.isUndefined())
            return;
        if (!v.isString())
            bad = tr("%1: expected text").arg(QLatin1String(name));
        else
            field = v.toString();
    };
    const auto number = [&](const char* name, double lo, double hi) -> double {
        const QJsonValue v = j.value(QLatin1String(name));
        if (v.isUndefined())
            return qQNaN();
        if (!v.isDouble() || v.toDouble() < lo || v.toDouble() > hi) {
            bad = tr("%1: expected a number from %2 to %3").arg(QLatin1String(name)).arg(lo).arg(hi);
            return qQNaN();
        }
        return v.toDouble();
    };
    text("model", p.model);
    text("weights", p.weights);
    text("device", p.device);
    text("function", p.function);
    text("greedy", p.greedy);
    text("cam", p.cam);
    text("cam_target", p.camTarget);
    text("recon", p.recon);
    text("eval_model", p.evalModel);
    text("eval_ratios", p.evalRatios);
    text("compare_methods", p.compareMethods);
    text("compare_ratios", p.compareRatios);
    text("compare_score", p.compareScore);
    const auto flag = [&](const char* name, bool& field) {
        const QJsonValue v = j.value(QLatin1String(name));
        if (v.isUndefined())
            return;
        if (!v.isBool())
            bad = tr("%1: expected true or false").arg(QLatin1String(name));
        else
            field = v.toBool();
    };
    flag("eval_random", p.evalRandom);
    flag("eval_reconstructed", p.evalReconstructed);
    flag("eval_full", p.evalFull);
    if (const double v = number("compare_score_seeds", 1, 20); !qIsNaN(v))
        p.compareScoreSeeds = static_cast<int>(v);
    if (const double v = number("eval_width", 1, 4096); !qIsNaN(v))
        p.evalWidth = static_cast<int>(v);
    if (const double v = number("eval_epochs", 1, 1000); !qIsNaN(v))
        p.evalEpochs = static_cast<int>(v);
    if (const double v = number("eval_seeds", 1, 100); !qIsNaN(v))
        p.evalSeeds = static_cast<int>(v);
    if (const double v = number("epochs", 0, 1000); !qIsNaN(v))
        p.epochs = static_cast<int>(v);
    if (const double v = number("limit", 0, 1e12); !qIsNaN(v))
        p.limit = static_cast<qint64>(v);
    if (const double v = number("bins", 1, 100000); !qIsNaN(v))
        p.bins = static_cast<int>(v);
    if (const double v = number("ratio", 1e-9, 1); !qIsNaN(v))
        p.ratio = v;
    if (const double v = number("mask_ratio", 0, 0.95); !qIsNaN(v))
        p.maskRatio = v;
    const QJsonValue seed = j.value(QLatin1String("seed"));
    if (seed.isString()) {
        bool ok = false;
        p.seed = seed.toString().toULongLong(&ok);
        if (!ok)
            bad = tr("seed: expected a whole number");
    } else if (seed.isDouble() && seed.toDouble() >= 0) {
        p.seed = static_cast<quint64>(seed.toDouble());
    } else if (!seed.isUndefined()) {
        bad = tr("seed: expected a whole number");
    }
    if (bad.isEmpty() && !oneOf(p.function, {"graphcut", "facility-location", "log-det"}))
        bad = tr("function: unknown submodular function '%1'").arg(p.function);
    if (bad.isEmpty() && !oneOf(p.greedy, {"naive", "lazy", "stochastic", "approx-lazy"}))
        bad = tr("greedy: unknown greedy '%1'").arg(p.greedy);
    if (bad.isEmpty() && !oneOf(p.cam, {"gradcam++", "gradcam", "random"}))
        bad = tr("cam: unknown CAM method '%1' (gradcam++, gradcam or random)").arg(p.cam);
    if (bad.isEmpty() && !oneOf(p.camTarget, {"predicted", "label"}))
        bad = tr("cam_target: expected 'predicted' or 'label', got '%1'").arg(p.camTarget);
    if (bad.isEmpty() && !validRecon(p.recon))
        bad = tr("recon: unknown reconstruction '%1' (mae-compact, mae:FILE, mae-compact:FILE, inpaint:telea or "
                 "inpaint:ns)")
                  .arg(p.recon);
    if (bad.isEmpty() && !oneOf(p.evalModel, {"convnet", "resnet18"}))
        bad = tr("eval_model: expected 'convnet' or 'resnet18', got '%1'").arg(p.evalModel);
    std::vector<double> ratios;
    if (bad.isEmpty())
        p.evalRatioList(ratios, &bad);
    if (bad.isEmpty())
        p.compareRatioList(ratios, &bad);
    for (const QString& m : p.compareMethodList())
        if (bad.isEmpty() && !ComparisonMethods::all().contains(m))
            bad = tr("compare_methods: unknown method '%1'").arg(m);
    if (bad.isEmpty() && !ComparisonMethods::ccsScores().contains(p.compareScore))
        bad = tr("compare_score: unknown score '%1'").arg(p.compareScore);
    if (!bad.isEmpty()) {
        if (error)
            *error = bad;
        return false;
    }
    out = p;
    return true;
}

QString StudioParameters::featuresKey(const QString& datasetKey) const
{
    QString k = datasetKey + QStringLiteral("|model=") + model + QStringLiteral("|limit=") + QString::number(limit);
    if (model != QLatin1String("pixels")) // pixels depend on nothing else
        k += QStringLiteral("|weights=%1|epochs=%2|seed=%3").arg(weights).arg(epochs).arg(seed);
    return k;
}

QString StudioParameters::binsKey(const QString& datasetKey) const
{
    QString k = featuresKey(datasetKey) + QStringLiteral("|bins=%1|function=%2|greedy=%3").arg(bins).arg(function, greedy);
    if (greedy == QLatin1String("stochastic"))
        k += QStringLiteral("|greedySeed=%1").arg(seed);
    return k;
}

QString StudioParameters::sampleKey(const QString& datasetKey) const
{
    return binsKey(datasetKey) + QStringLiteral("|ratio=%1|sampleSeed=%2").arg(QString::number(ratio, 'g', 17)).arg(seed);
}

QString StudioParameters::camModel() const { return isNetwork(model) ? model : QStringLiteral("convnet"); }

QString StudioParameters::camWeights() const { return isNetwork(model) ? weights : QString(); }

int StudioParameters::camEpochs() const
{
    if (!isNetwork(model))
        return 1;
    if (epochs == 0 && weights.isEmpty() && !model.startsWith(QLatin1String("torchscript:")))
        return 1;
    return epochs;
}

QString StudioParameters::pixelSessionKey(const QString& datasetKey) const
{
    // The CAM classifier's own key (as the feature cache keys it), then the pixel choices.
    return datasetKey +
           QStringLiteral("|pixel-session|camModel=%1|camWeights=%2|camEpochs=%3|seed=%4|limit=%5")
               .arg(camModel(), camWeights())
               .arg(camEpochs())
               .arg(seed)
               .arg(limit) +
           QStringLiteral("|cam=%1|camTarget=%2|recon=%3").arg(cam, camTarget, recon);
}

QString StudioParameters::pixelKey(const QString& datasetKey) const
{
    return sampleKey(datasetKey) + QStringLiteral("|") + pixelSessionKey(QString()) +
           QStringLiteral("|maskRatio=%1").arg(QString::number(maskRatio, 'g', 17));
}

bool StudioParameters::evalRatioList(std::vector<double>& ratios, QString* error) const
{
    return parseRatios(evalRatios, "eval_ratios", ratios, error);
}

bool StudioParameters::compareRatioList(std::vector<double>& ratios, QString* error) const
{
    return parseRatios(compareRatios, "compare_ratios", ratios, error);
}

QStringList StudioParameters::compareMethodList() const
{
    QStringList out;
    for (const QString& m : compareMethods.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!out.contains(m.trimmed()))
            out << m.trimmed();
    return out;
}

QString StudioParameters::compareKey(const QString& datasetKey) const
{
    return binsKey(datasetKey) +
           QStringLiteral("|compare|methods=%1|ratios=%2|score=%3|sampleSeed=%4|model=%5|width=%6|epochs=%7|seeds=%8")
               .arg(compareMethodList().join(QLatin1Char(',')), compareRatios, compareScore)
               .arg(seed)
               .arg(evalModel)
               .arg(evalModel == QLatin1String("convnet") ? evalWidth : 0)
               .arg(evalEpochs)
               .arg(evalSeeds) +
           QStringLiteral("|scoreSeeds=%1").arg(compareScoreSeeds);
}

QString StudioParameters::evaluateKey(const QString& datasetKey) const
{
    QString k =
        sampleKey(datasetKey) + QStringLiteral("|evaluate|model=%1|width=%2|epochs=%3|seeds=%4|random=%5|full=%6|ratios=%7")
                                    .arg(evalModel)
                                    .arg(evalModel == QLatin1String("convnet") ? evalWidth : 0)
                                    .arg(evalEpochs)
                                    .arg(evalSeeds)
                                    .arg(int(evalRandom))
                                    .arg(int(evalFull))
                                    .arg(evalRatios);
    if (evalReconstructed)
        k += QStringLiteral("|reconstructed|") + pixelKey(datasetKey);
    return k;
}

} // namespace dqui
