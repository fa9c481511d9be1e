#include "pipeline/Job.h"

namespace dqui {

void Job::addNote(const QString& note)
{
    std::lock_guard<std::mutex> lock(mutex_);
    notes_.push_back(note);
}

QStringList Job::takeNotes()
{
    std::lock_guard<std::mutex> lock(mutex_);
    QStringList n;
    n.swap(notes_);
    return n;
}

} // namespace dqui
