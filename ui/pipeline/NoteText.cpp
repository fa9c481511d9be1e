#include "pipeline/NoteText.h"

#include "stages/JobContext.h"

#include <QCoreApplication>

#include <map>

namespace dqui {
namespace {

// Core's note codes that DQ Studio words itself; %1 is the note's `where`.
const std::map<std::string, const char*>& sentences()
{
    static const std::map<std::string, const char*> s = {
        {"bins.cache-repaired",
         QT_TRANSLATE_NOOP("dqui::NoteText", "The cached bins in %1 could not be read; they are computed again.")},
    };
    return s;
}

} // namespace

QString noteText(const dq::Note& note)
{
    const auto it = sentences().find(note.code);
    if (it == sentences().end())
        return QString::fromStdString(note.text);
    return QCoreApplication::translate("dqui::NoteText", it->second).arg(QString::fromStdString(note.where));
}

} // namespace dqui
