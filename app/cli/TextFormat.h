#pragma once
#include <string>

namespace dqcli {

// printf's formatting into a string, for tables and summaries written to a RunContext's
// streams.
std::string formatted(const char* format, ...) __attribute__((format(printf, 1, 2)));

} // namespace dqcli
