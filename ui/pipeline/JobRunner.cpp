#include "pipeline/JobRunner.h"

#include "common/Error.h"
#include "common/FieldError.h"
#include "pipeline/FieldLabels.h"
#include "common/Progress.h"

#include <exception>

namespace dqui {

JobRunner::JobRunner(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<dqui::JobProgress>();
    thread_.setObjectName(QStringLiteral("dq-studio worker"));
    worker_ = new JobWorker;
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &JobWorker::progress, this, [this](const JobProgress& p) {
        if (job_)
            emit progress(p);
    });
    connect(worker_, &JobWorker::finished, this, [this] {
        settle();
        emit finished();
    });
    connect(worker_, &JobWorker::failed, this, [this](const QString& m) {
        settle();
        emit failed(m);
    });
    connect(worker_, &JobWorker::cancelled, this, [this] {
        settle();
        emit cancelled();
    });
    thread_.start();
}

JobRunner::~JobRunner()
{
    if (cancel_)
        cancel_->cancel();
    thread_.quit();
    thread_.wait();
}

bool JobRunner::start(std::shared_ptr<Job> job)
{
    if (job_ || !job)
        return false;
    job_ = std::move(job);
    last_.reset();
    cancel_ = std::make_shared<dq::CancelToken>();
    const auto j = job_;
    const auto c = cancel_;
    QMetaObject::invokeMethod(
        worker_, [w = worker_, j, c] { w->execute(j, c); }, Qt::QueuedConnection);
    return true;
}

void JobRunner::cancel()
{
    if (cancel_)
        cancel_->cancel();
}

void JobRunner::settle()
{
    last_ = job_;
    job_.reset();
    cancel_.reset();
}

void JobWorker::execute(const std::shared_ptr<Job>& job, const std::shared_ptr<dq::CancelToken>& cancel)
{
    dq::Progress progress(
        [this](const dq::ProgressEvent& e) {
            emit this->progress(
                JobProgress{e.done, e.total, QString::fromStdString(e.stage), QString::fromStdString(e.detail)});
        },
        100);
    try {
        job->run(progress, *cancel);
        emit finished();
    } catch (const dq::Cancelled&) {
        emit cancelled();
    } catch (const dq::FieldError& e) {
        emit failed(fieldErrorText(e)); // the panel's label for the field, not core's id
    } catch (const std::exception& e) {
        if (cancel->isCancelled())
            emit cancelled();
        else
            emit failed(QString::fromUtf8(e.what()));
    } catch (...) {
        emit failed(tr("An unexpected error stopped the job."));
    }
}

} // namespace dqui
