#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dq {

// The tokenizer of the TF-IDF embedding, fixed so that the same text gives the same tokens
// on every machine (no locale, no ICU):
// - text is UTF-8; characters are lowercased when they are ASCII, Latin-1 (U+00C0-U+00DE
//   but U+00D7), Greek (U+0391-U+03AB) or Cyrillic (U+0400-U+042F) capitals; others keep
//   their case;
// - a token is a maximal run of word characters: ASCII letters and digits and every
//   character from U+0080 up that is not punctuation, a symbol or a space (the ranges are
//   listed in isWordCharacter);
// - every CJK ideograph and kana character is a token on its own (these scripts do not
//   separate words with spaces; BERT's basic tokenizer does the same).
class WordTokenizer {
public:
    // Lowercased tokens of `text`, appended to `buffer`, with their [begin, end) ranges in
    // `spans` (both cleared first). Reused buffers keep the hot loop free of allocations.
    static void tokenize(std::string_view text, std::string& buffer,
                         std::vector<std::pair<std::uint32_t, std::uint32_t>>& spans);
    static std::vector<std::string> tokenize(std::string_view text);

    static bool isWordCharacter(char32_t c);
    static bool isSingleCharacterToken(char32_t c);
    static char32_t toLower(char32_t c);
};

} // namespace dq
