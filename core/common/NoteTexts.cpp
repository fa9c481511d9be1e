#include "common/internal/NoteTexts.h"

#include "common/JobContext.h"

#include <algorithm>

namespace dq {

std::vector<std::string> noteTextsSince(const JobContext& context, std::size_t first)
{
    std::vector<std::string> texts;
    const std::vector<Note>& notes = context.notes();
    for (std::size_t i = first; i < notes.size(); ++i)
        if (!notes[i].text.empty() && std::find(texts.begin(), texts.end(), notes[i].text) == texts.end())
            texts.push_back(notes[i].text);
    return texts;
}

} // namespace dq
