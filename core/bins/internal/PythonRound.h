#pragma once
#include <cmath>
#include <cstdint>

namespace dq {

// Python 3's round(): to the nearest integer, ties to even (the default FE_TONEAREST
// mode of nearbyint). The reference computes every budget this way.
inline std::int64_t pythonRound(double x) { return static_cast<std::int64_t>(std::nearbyint(x)); }

} // namespace dq
