#include "TextFormat.h"

#include <cstdarg>
#include <cstdio>
#include <vector>

namespace dqcli {

std::string formatted(const char* format, ...)
{
    std::va_list args;
    va_start(args, format);
    std::va_list again;
    va_copy(again, args);
    const int size = std::vsnprintf(nullptr, 0, format, args);
    va_end(args);
    std::vector<char> buffer(static_cast<std::size_t>(size > 0 ? size : 0) + 1);
    std::vsnprintf(buffer.data(), buffer.size(), format, again);
    va_end(again);
    return std::string(buffer.data(), static_cast<std::size_t>(size > 0 ? size : 0));
}

} // namespace dqcli
