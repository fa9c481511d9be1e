#pragma once
#include "pipeline/Job.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace dq {
class CancelToken;
}

namespace dqui {

class JobWorker;

// Runs one Job at a time on its own QThread. The GUI thread only posts work and reacts
// to signals; it never waits for core. Exactly one of finished, failed or cancelled
// follows every start(). Destroying the runner cancels the job and joins the thread
// (quit and wait; jobs check their cancel token every 100 ms of work).
class JobRunner : public QObject {
    Q_OBJECT

public:
    explicit JobRunner(QObject* parent = nullptr);
    ~JobRunner() override;

    bool isBusy() const { return job_ != nullptr; }
    // Ignored (returns false) while a job runs.
    bool start(std::shared_ptr<Job> job);
    void cancel();
    // The job that ran last (its results), until the next start().
    std::shared_ptr<Job> lastJob() const { return last_; }

signals:
    void progress(const dqui::JobProgress& progress);
    void finished();
    void failed(const QString& message);
    void cancelled();

private:
    void settle();

    QThread thread_;
    JobWorker* worker_ = nullptr;
    std::shared_ptr<Job> job_, last_;
    std::shared_ptr<dq::CancelToken> cancel_;
};

// Lives on the runner's thread; emits from there (queued to the runner).
class JobWorker : public QObject {
    Q_OBJECT

public:
    void execute(const std::shared_ptr<Job>& job, const std::shared_ptr<dq::CancelToken>& cancel);

signals:
    void progress(const dqui::JobProgress& progress);
    void finished();
    void failed(const QString& message);
    void cancelled();
};

} // namespace dqui
