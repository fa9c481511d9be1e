#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dq {

struct TextPosition {
    std::int64_t line = 1; // 1-based
    std::int64_t column = 1; // 1-based, in characters (UTF-8 code points), as editors show it
};

// Turns byte offsets into lines and columns for messages ("file:12:7: ..."). JSON parsers
// report byte offsets; users look for lines.
class LineIndex {
public:
    explicit LineIndex(std::string_view text);
    TextPosition at(std::size_t offset) const;
    // "path:line:column"
    std::string where(const std::string& path, std::size_t offset) const;

private:
    std::string_view text_;
    std::vector<std::size_t> lineStarts_;
};

} // namespace dq
