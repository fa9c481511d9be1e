#pragma once
#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace dq {

// [begin, end) byte ranges of the elements of a top-level JSON array in `text`, which
// must already be known to be valid JSON (parsed once by nlohmann::json). Lets a subset be
// written with each record's original bytes, field order and escapes.
std::vector<std::pair<std::size_t, std::size_t>> topLevelArraySpans(std::string_view text);

} // namespace dq
