#pragma once
#include <QString>

class QFormLayout;
class QWidget;

namespace dqui {

// Sets the text of `field`'s label in `form` and the same tooltip on both (the parameter
// groups retranslate their rows with it).
void setFormLabel(QFormLayout* form, QWidget* field, const QString& text, const QString& tip);

} // namespace dqui
