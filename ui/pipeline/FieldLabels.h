#pragma once
#include <QString>

#include <string>

namespace dq {
class FieldError;
}

namespace dqui {

// A core error about a parameter as DQ Studio words it: the field id ("ratio") becomes
// the parameters panel's translated label ("Keep ratio"); ids the panel has no field for
// stay as they are.
QString fieldErrorText(const dq::FieldError& error);

} // namespace dqui
