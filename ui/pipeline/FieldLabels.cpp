#include "pipeline/FieldLabels.h"

#include "common/FieldError.h"

#include <QCoreApplication>

#include <map>

namespace dqui {
namespace {

// The panel's own labels (ParametersPanel.cpp), so that they share its translations.
QString fieldLabel(const std::string& id)
{
    static const std::map<std::string, const char*> labels = {
        {"bins", QT_TRANSLATE_NOOP("dqui::ParametersPanel", "Bins (K)")},
        {"function", QT_TRANSLATE_NOOP("dqui::ParametersPanel", "Selection rule")},
        {"greedy", QT_TRANSLATE_NOOP("dqui::ParametersPanel", "Search")},
        {"ratio", QT_TRANSLATE_NOOP("dqui::ParametersPanel", "Keep ratio")},
        {"seed", QT_TRANSLATE_NOOP("dqui::ParametersPanel", "Seed")},
        {"limit", QT_TRANSLATE_NOOP("dqui::ParametersPanel", "Use the first")},
    };
    const auto it = labels.find(id);
    return it == labels.end() ? QString::fromStdString(id)
                              : QCoreApplication::translate("dqui::ParametersPanel", it->second);
}

} // namespace

QString fieldErrorText(const dq::FieldError& e)
{
    return fieldLabel(e.field()) + QStringLiteral(": ") + QString::fromStdString(e.detail());
}

} // namespace dqui
