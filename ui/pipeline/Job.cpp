#include "pipeline/Job.h"

namespace dqui {

void Job::addNote(const dq::Note& note)
{
    std::lock_guard<std::mutex> lock(mutex_);
    notes_.push_back(note);
}

void Job::addNote(const char* code, const QString& text) { addNote(dq::Note{code, {}, text.toStdString()}); }

dq::JobContext::NoteSink Job::noteSink()
{
    return [this](const dq::Note& n) { addNote(n); };
}

std::vector<dq::Note> Job::takeNotes()
{
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<dq::Note> n;
    n.swap(notes_);
    return n;
}

} // namespace dqui
