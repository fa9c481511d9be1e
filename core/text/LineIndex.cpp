#include "text/internal/LineIndex.h"

#include <algorithm>

namespace dq {

LineIndex::LineIndex(std::string_view text) : text_(text)
{
    lineStarts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n')
            lineStarts_.push_back(i + 1);
}

TextPosition LineIndex::at(std::size_t offset) const
{
    offset = std::min(offset, text_.size());
    const auto it = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset) - 1;
    TextPosition p;
    p.line = static_cast<std::int64_t>(it - lineStarts_.begin()) + 1;
    // Count characters: every byte that is not a UTF-8 continuation byte starts one.
    for (std::size_t i = *it; i < offset; ++i)
        if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80)
            ++p.column;
    return p;
}

std::string LineIndex::where(const std::string& path, std::size_t offset) const
{
    const TextPosition p = at(offset);
    return path + ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
}

} // namespace dq
