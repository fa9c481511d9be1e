#pragma once
#include <string>

namespace dq {

// A float as Python's repr() prints it (0.125, 0.1, 1.0, 1e-05): the shortest text that
// reads back to the same double. The reference's file names carry ratios in this form
// (select_indices_<NAME>_0.125.npy).
std::string pythonFloatText(double value);

} // namespace dq
