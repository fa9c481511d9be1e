#pragma once
#include <string>
#include <vector>

namespace dq {

// Something the user should know that is not an error: a repaired cache entry, a fallback,
// duplicate records kept. `code` is a stable identifier ("bins.cache-repaired") that front
// ends filter, test and translate on; `where` names the file, field or record concerned;
// `text` is English for logs, the command line and result files.
struct Note {
    std::string code;
    std::string where;
    std::string text;
};

// The texts alone, for result files and --json that list warnings as strings.
inline std::vector<std::string> noteTexts(const std::vector<Note>& notes)
{
    std::vector<std::string> texts;
    texts.reserve(notes.size());
    for (const Note& n : notes)
        texts.push_back(n.text);
    return texts;
}

} // namespace dq
