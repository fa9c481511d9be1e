#include "panels/FormLabel.h"

#include <QFormLayout>
#include <QLabel>

namespace dqui {

void setFormLabel(QFormLayout* form, QWidget* field, const QString& text, const QString& tip)
{
    if (auto* l = qobject_cast<QLabel*>(form->labelForField(field))) {
        l->setText(text);
        l->setToolTip(tip);
    }
    field->setToolTip(tip);
}

} // namespace dqui
