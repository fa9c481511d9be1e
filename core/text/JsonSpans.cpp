#include "text/internal/JsonSpans.h"

#include "common/Error.h"

namespace dq {
namespace {

bool isJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Index just past the string literal that starts at text[i] == '"'.
std::size_t skipString(std::string_view text, std::size_t i)
{
    for (++i; i < text.size(); ++i) {
        if (text[i] == '\\')
            ++i;
        else if (text[i] == '"')
            return i + 1;
    }
    return text.size();
}

// Index just past the JSON value that starts at text[i].
std::size_t skipValue(std::string_view text, std::size_t i)
{
    if (text[i] == '"')
        return skipString(text, i);
    if (text[i] == '{' || text[i] == '[') {
        int depth = 0;
        while (i < text.size()) {
            const char c = text[i];
            if (c == '"') {
                i = skipString(text, i);
                continue;
            }
            if (c == '{' || c == '[')
                ++depth;
            else if ((c == '}' || c == ']') && --depth == 0)
                return i + 1;
            ++i;
        }
        return text.size();
    }
    while (i < text.size() && !isJsonSpace(text[i]) && text[i] != ',' && text[i] != ']')
        ++i;
    return i;
}

} // namespace

std::vector<std::pair<std::size_t, std::size_t>> topLevelArraySpans(std::string_view text)
{
    std::size_t i = 0;
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        i = 3;
    while (i < text.size() && isJsonSpace(text[i]))
        ++i;
    if (i >= text.size() || text[i] != '[')
        throw Error("JSON list", "the text does not start with '['");
    ++i;
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    for (;;) {
        while (i < text.size() && isJsonSpace(text[i]))
            ++i;
        if (i >= text.size() || text[i] == ']')
            return spans;
        const std::size_t end = skipValue(text, i);
        spans.emplace_back(i, end);
        i = end;
        while (i < text.size() && isJsonSpace(text[i]))
            ++i;
        if (i < text.size() && text[i] == ',')
            ++i;
    }
}

} // namespace dq
