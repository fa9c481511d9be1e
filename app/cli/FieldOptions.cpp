#include "FieldOptions.h"

#include "common/FieldError.h"

#include <map>

namespace dqcli {

std::string fieldErrorText(const dq::FieldError& e)
{
    // Ids whose option is not "--<id>", and hints that name a second option.
    static const std::map<std::string, std::string> options = {{"balance", "--no-balance"}};
    static const std::map<std::string, std::string> hints = {{"labels", " (or pass --no-balance)"}};
    const auto option = options.find(e.field());
    const auto hint = hints.find(e.field());
    return (option == options.end() ? "--" + e.field() : option->second) + ": " + e.detail() +
           (hint == hints.end() ? std::string() : hint->second);
}

} // namespace dqcli
