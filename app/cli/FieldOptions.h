#pragma once
#include <string>

namespace dq {
class FieldError;
}

namespace dqcli {

// A core error about a parameter as dq words it: the field id becomes the option that
// sets it ("ratio" -> "--ratio"), with a hint where another option is the way out.
std::string fieldErrorText(const dq::FieldError& error);

} // namespace dqcli
