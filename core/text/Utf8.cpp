#include "text/internal/Utf8.h"

#include <cstdio>

namespace dq {
namespace {

std::string hexByte(unsigned char c)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02x", c);
    return buf;
}

std::string codePointName(char32_t cp)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

} // namespace

std::size_t findInvalidUtf8(std::string_view text, std::string* why)
{
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    auto fail = [&](const std::string& what) {
        if (why)
            *why = what;
        return i;
    };
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int len = 0;
        char32_t min = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            min = 0x10000;
        } else {
            return fail("byte " + hexByte(c) + " cannot start a UTF-8 character");
        }
        if (i + static_cast<std::size_t>(len) > n)
            return fail("truncated UTF-8 character at the end of the file");
        char32_t cp = c & (0x7F >> len);
        for (int k = 1; k < len; ++k) {
            const unsigned char d = s[i + static_cast<std::size_t>(k)];
            if ((d & 0xC0) != 0x80)
                return fail("byte " + hexByte(c) + " starts a " + std::to_string(len) + "-byte UTF-8 character but byte " +
                            hexByte(d) + " does not continue it");
            cp = (cp << 6) | (d & 0x3F);
        }
        if (cp < min)
            return fail("overlong UTF-8 encoding");
        if (cp >= 0xD800 && cp <= 0xDFFF)
            return fail("UTF-8 encoded surrogate " + codePointName(cp));
        if (cp > 0x10FFFF)
            return fail("code point above U+10FFFF");
        i += static_cast<std::size_t>(len);
    }
    return std::string_view::npos;
}

char32_t decodeUtf8(std::string_view text, std::size_t& i)
{
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
        ++i;
        return c;
    }
    const int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    char32_t cp = c & (0x7F >> len);
    for (int k = 1; k < len && i + static_cast<std::size_t>(k) < text.size(); ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]) & 0x3F);
    i += static_cast<std::size_t>(len);
    return cp;
}

void appendUtf8(std::string& out, char32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

} // namespace dq
