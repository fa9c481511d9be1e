#include "text/internal/WordTokenizer.h"

#include "text/internal/Utf8.h"

namespace dq {

char32_t WordTokenizer::toLower(char32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c < 0xC0)
        return c;
    if (c <= 0xDE && c != 0xD7)
        return c + 32; // Latin-1 capitals
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2)
        return c + 32; // Greek capitals
    if (c >= 0x410 && c <= 0x42F)
        return c + 32; // Cyrillic capitals
    if (c >= 0x400 && c <= 0x40F)
        return c + 80; // Cyrillic capitals with marks
    return c;
}

bool WordTokenizer::isWordCharacter(char32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    // Latin-1 controls, spaces and symbols; multiplication and division signs.
    if (c <= 0xBF || c == 0xD7 || c == 0xF7)
        return false;
    // General punctuation, super/subscripts, currency, letterlike symbols, arrows, maths,
    // technical symbols, box drawing, shapes, dingbats (U+2000-U+2BFF); supplemental
    // punctuation; CJK symbols and punctuation; vertical and small forms; fullwidth ASCII
    // punctuation; the byte-order mark; emoji and pictographs.
    if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x2E00 && c <= 0x2E7F) || (c >= 0x3000 && c <= 0x303F) ||
        (c >= 0xFE10 && c <= 0xFE1F) || (c >= 0xFE30 && c <= 0xFE6F) || (c >= 0xFF00 && c <= 0xFF0F) ||
        (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) || c == 0xFEFF ||
        (c >= 0x1F000 && c <= 0x1FAFF))
        return false;
    return true;
}

bool WordTokenizer::isSingleCharacterToken(char32_t c)
{
    return (c >= 0x3040 && c <= 0x30FF) || // hiragana, katakana
           (c >= 0x3400 && c <= 0x4DBF) || // CJK extension A
           (c >= 0x4E00 && c <= 0x9FFF) || // CJK unified ideographs
           (c >= 0xF900 && c <= 0xFAFF) || // CJK compatibility ideographs
           (c >= 0xFF66 && c <= 0xFF9F) || // halfwidth katakana
           (c >= 0x20000 && c <= 0x3FFFF); // CJK extensions B and later
}

void WordTokenizer::tokenize(std::string_view text, std::string& buffer,
                             std::vector<std::pair<std::uint32_t, std::uint32_t>>& spans)
{
    buffer.clear();
    spans.clear();
    bool inToken = false;
    std::uint32_t begin = 0;
    auto close = [&]() {
        if (inToken)
            spans.emplace_back(begin, static_cast<std::uint32_t>(buffer.size()));
        inToken = false;
    };
    std::size_t i = 0;
    while (i < text.size()) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b < 0x80) { // ASCII fast path
            ++i;
            const bool lower = b >= 'a' && b <= 'z', upper = b >= 'A' && b <= 'Z', digit = b >= '0' && b <= '9';
            if (lower || upper || digit) {
                if (!inToken) {
                    begin = static_cast<std::uint32_t>(buffer.size());
                    inToken = true;
                }
                buffer += static_cast<char>(upper ? b + 32 : b);
            } else {
                close();
            }
            continue;
        }
        const char32_t c = decodeUtf8(text, i);
        if (!isWordCharacter(c)) {
            close();
            continue;
        }
        if (isSingleCharacterToken(c)) {
            close();
            begin = static_cast<std::uint32_t>(buffer.size());
            appendUtf8(buffer, toLower(c));
            spans.emplace_back(begin, static_cast<std::uint32_t>(buffer.size()));
            continue;
        }
        if (!inToken) {
            begin = static_cast<std::uint32_t>(buffer.size());
            inToken = true;
        }
        appendUtf8(buffer, toLower(c));
    }
    close();
}

std::vector<std::string> WordTokenizer::tokenize(std::string_view text)
{
    std::string buffer;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;
    tokenize(text, buffer, spans);
    std::vector<std::string> out;
    out.reserve(spans.size());
    for (const auto& [b, e] : spans)
        out.emplace_back(buffer.substr(b, e - b));
    return out;
}

} // namespace dq
