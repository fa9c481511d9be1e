#include "common/NumberText.h"

#include <cstdio>
#include <cstdlib>

namespace dq {

std::string pythonFloatText(double value)
{
    char buf[32];
    for (int digits = 1; digits <= 17; ++digits) {
        std::snprintf(buf, sizeof buf, "%.*g", digits, value);
        if (std::strtod(buf, nullptr) == value)
            break;
    }
    std::string s = buf;
    if (s.find_first_of(".en") == std::string::npos) // "1" -> "1.0"; not "1e-05", "nan", "inf"
        s += ".0";
    return s;
}

} // namespace dq
