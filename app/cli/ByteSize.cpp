#include "Command.h"

#include "common/Error.h"

#include <cctype>
#include <cmath>

namespace dqcli {

long long parseByteSize(const std::string& text, const std::string& option)
{
    std::size_t used = 0;
    double value = 0;
    try {
        value = std::stod(text, &used);
    } catch (const std::exception&) {
        throw dq::UsageError(option, "'" + text + "' is not a size (e.g. 4G, 512M, 1000000)");
    }
    std::string unit = text.substr(used);
    for (auto& ch : unit)
        ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (!unit.empty() && unit.back() == 'B')
        unit.pop_back();
    if (!unit.empty() && unit.back() == 'I')
        unit.pop_back();
    double mult = 1;
    if (unit == "K")
        mult = 1024.0;
    else if (unit == "M")
        mult = 1024.0 * 1024;
    else if (unit == "G")
        mult = 1024.0 * 1024 * 1024;
    else if (unit == "T")
        mult = 1024.0 * 1024 * 1024 * 1024;
    else if (!unit.empty())
        throw dq::UsageError(option, "unknown size unit in '" + text + "' (use K, M, G or T)");
    if (!(value > 0) || !std::isfinite(value))
        throw dq::UsageError(option, "must be a positive size, got '" + text + "'");
    return static_cast<long long>(value * mult);
}

} // namespace dqcli
