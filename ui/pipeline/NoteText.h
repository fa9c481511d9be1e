#pragma once
#include <QString>

namespace dq {
struct Note;
}

namespace dqui {

// A note as DQ Studio shows it: codes DQ Studio knows get their translated sentence (with
// the file or field the note names); any other note keeps core's English text.
QString noteText(const dq::Note& note);

} // namespace dqui
