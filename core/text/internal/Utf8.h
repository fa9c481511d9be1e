#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace dq {

// Offset of the first byte of `text` that does not start a well-formed UTF-8 sequence
// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), or npos.
// `why` (may be null) receives what was wrong, e.g. "byte 0xff cannot start a character".
std::size_t findInvalidUtf8(std::string_view text, std::string* why = nullptr);

// Decodes the code point starting at text[i] and advances i past it. The text must be
// valid UTF-8 (checked by findInvalidUtf8 first).
char32_t decodeUtf8(std::string_view text, std::size_t& i);

void appendUtf8(std::string& out, char32_t cp);

} // namespace dq
