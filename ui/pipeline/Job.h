#pragma once
#include "common/JobContext.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <mutex>
#include <vector>

namespace dq {
class Progress;
class CancelToken;
} // namespace dq

namespace dqui {

// One piece of background work: run() is called once on a worker thread and keeps its
// results in members that the owner reads after JobRunner reported `finished`. Errors
// are thrown (dq::Error, dq::Cancelled); JobRunner turns them into signals.
class Job {
public:
    virtual ~Job() = default;
    virtual void run(dq::Progress& progress, const dq::CancelToken& cancel) = 0;

    // Notes from core (a device fallback, a repaired cache entry) and from the job itself,
    // each with its code; any thread. DQ Studio words them by code (noteText).
    void addNote(const dq::Note& note);
    void addNote(const char* code, const QString& text); // the job's own, already translated
    // What a core stage's JobContext hands its notes to.
    dq::JobContext::NoteSink noteSink();
    std::vector<dq::Note> takeNotes();

private:
    std::mutex mutex_;
    std::vector<dq::Note> notes_;
};

struct JobProgress {
    qint64 done = 0;
    qint64 total = 0; // 0: unknown
    QString stage; // core's stage name ("features", "bins", ...)
    QString detail;
};

} // namespace dqui

Q_DECLARE_METATYPE(dqui::JobProgress)
