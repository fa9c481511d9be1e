#include "pipeline/FieldLabels.h"

#include "common/FieldError.h"

#include <QCoreApplication>

#include <map>

namespace dqui {
namespace {

// The panels' own labels (their source text and translation context), so that they share
// their translations. Ids that two panels spell differently ("epochs", "ratios") keep the id.
QString fieldLabel(const std::string& id)
{
    struct Label {
        const char* context;
        const char* text;
    };
    static const std::map<std::string, Label> labels = {
        {"bins", {"dqui::ParametersPanel", QT_TRANSLATE_NOOP("dqui::ParametersPanel", "Bins (K)")}},
        {"function", {"dqui::ParametersPanel", QT_TRANSLATE_NOOP("dqui::ParametersPanel", "Selection rule")}},
        {"greedy", {"dqui::ParametersPanel", QT_TRANSLATE_NOOP("dqui::ParametersPanel", "Search")}},
        {"ratio", {"dqui::ParametersPanel", QT_TRANSLATE_NOOP("dqui::ParametersPanel", "Keep ratio")}},
        {"seed", {"dqui::ParametersPanel", QT_TRANSLATE_NOOP("dqui::ParametersPanel", "Seed")}},
        {"limit", {"dqui::ParametersPanel", QT_TRANSLATE_NOOP("dqui::ParametersPanel", "Use the first")}},
        {"mask-ratio", {"dqui::PixelParametersGroup", QT_TRANSLATE_NOOP("dqui::PixelParametersGroup", "Mask ratio")}},
        {"cam", {"dqui::PixelParametersGroup", QT_TRANSLATE_NOOP("dqui::PixelParametersGroup", "Patch importance")}},
        {"cam-target", {"dqui::PixelParametersGroup", QT_TRANSLATE_NOOP("dqui::PixelParametersGroup", "Explain")}},
        {"recon", {"dqui::PixelParametersGroup", QT_TRANSLATE_NOOP("dqui::PixelParametersGroup", "Reconstruction")}},
        {"width", {"dqui::EvaluateParametersGroup", QT_TRANSLATE_NOOP("dqui::EvaluateParametersGroup", "ConvNet width")}},
        {"seeds", {"dqui::EvaluateParametersGroup", QT_TRANSLATE_NOOP("dqui::EvaluateParametersGroup", "Seeds")}},
        {"score-seeds", {"dqui::CompareChoices", QT_TRANSLATE_NOOP("dqui::CompareChoices", "Score trainings")}},
        {"model", {"dqui::ParametersPanel", QT_TRANSLATE_NOOP("dqui::ParametersPanel", "Feature model")}},
        {"weights", {"dqui::ParametersPanel", QT_TRANSLATE_NOOP("dqui::ParametersPanel", "Weights")}},
        {"device", {"dqui::ParametersPanel", QT_TRANSLATE_NOOP("dqui::ParametersPanel", "Device")}},
    };
    const auto it = labels.find(id);
    return it == labels.end() ? QString::fromStdString(id)
                              : QCoreApplication::translate(it->second.context, it->second.text);
}

} // namespace

QString fieldErrorText(const dq::FieldError& e)
{
    return fieldLabel(e.field()) + QStringLiteral(": ") + QString::fromStdString(e.detail());
}

} // namespace dqui
