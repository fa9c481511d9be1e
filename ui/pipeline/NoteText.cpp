#include "pipeline/NoteText.h"

#include "common/JobContext.h"

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
        {"pixel.mae-cache-repaired",
         QT_TRANSLATE_NOOP("dqui::NoteText", "The cached MAE %1 could not be used; the compact MAE is trained again.")},
        {"pixel.device-fallback",
         QT_TRANSLATE_NOOP("dqui::NoteText", "No graphics card is usable (device %1): the Pixels stage runs on the CPU.")},
        {"evaluation.device-fallback",
         QT_TRANSLATE_NOOP("dqui::NoteText", "No graphics card is usable (device %1): the evaluation trains on the CPU.")},
        {"features.cache-repaired",
         QT_TRANSLATE_NOOP("dqui::NoteText", "The cached features in %1 could not be used; they are computed again.")},
        {"features.device-fallback",
         QT_TRANSLATE_NOOP("dqui::NoteText",
                           "Device %1: no graphics card (CUDA) can be used, so the network runs on the processor.")},
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
