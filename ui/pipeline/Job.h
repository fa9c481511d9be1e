#pragma once
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <mutex>

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

    // Notes from core (a device fallback, a repaired cache entry); any thread.
    void addNote(const QString& note);
    QStringList takeNotes();

private:
    std::mutex mutex_;
    QStringList notes_;
};

struct JobProgress {
    qint64 done = 0;
    qint64 total = 0; // 0: unknown
    QString stage;    // core's stage name ("features", "bins", ...)
    QString detail;
};

} // namespace dqui

Q_DECLARE_METATYPE(dqui::JobProgress)
