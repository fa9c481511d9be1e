#include "pipeline/Pipeline.h"

#include "common/Threads.h"
#include "pipeline/InstructionSpec.h"
#include "pipeline/JobRunner.h"
#include "pipeline/NoteText.h"
#include "pipeline/OpenDatasetJob.h"
#include "pipeline/TextStages.h"

#include <QTimer>

namespace dqui {

Pipeline::Pipeline(QObject* parent) : QObject(parent), runner_(new JobRunner(this))
{
    qRegisterMetaType<dqui::Stage>();
    static const bool threadsSet = (dq::configureThreads(0), true); // LibTorch defaults to 1 thread here
    Q_UNUSED(threadsSet);
    connect(runner_, &JobRunner::progress, this, [this](const JobProgress& p) { emit progress(current_, p); });
    connect(runner_, &JobRunner::finished, this, &Pipeline::onFinished);
    connect(runner_, &JobRunner::failed, this, &Pipeline::onFailed);
    connect(runner_, &JobRunner::cancelled, this, &Pipeline::onCancelled);
}

Pipeline::~Pipeline() = default;

QString Pipeline::datasetKey() const { return dataset() ? dataset()->key : QString(); }

QString Pipeline::stageKey(const StageEntry& e) const { return e.key ? e.key(params_, datasetKey()) : QString(); }

bool Pipeline::isUpToDate(Stage s) const
{
    if (s == Stage::Dataset)
        return dataset() != nullptr;
    const StageEntry* e = stages_.find(s);
    if (!dataset() || !e || !e->resultKey)
        return false;
    const QString* key = e->resultKey(state_);
    if (!key || *key != stageKey(*e))
        return false;
    for (Stage input : e->inputs(params_, *dataset()))
        if (!isUpToDate(input))
            return false;
    return true;
}

bool Pipeline::hasResult(Stage s) const
{
    const StageEntry* e = stages_.find(s);
    return e && e->resultKey && e->resultKey(state_);
}

QString Pipeline::unavailableReason(Stage s) const
{
    const StageEntry* e = stages_.find(s);
    return dataset() && e && e->unavailable ? e->unavailable(dataset().get()) : QString();
}

QList<Stage> Pipeline::stagesShownIn(View view) const
{
    QList<Stage> shown;
    for (const StageEntry& e : stages_.entries())
        if (e.views.contains(view))
            shown << e.stage;
    return shown;
}

bool Pipeline::needs(Stage target, Stage s) const
{
    if (s == target)
        return true;
    const StageEntry* e = stages_.find(target);
    if (!dataset() || !e || !e->inputs)
        return false;
    for (Stage input : e->inputs(params_, *dataset()))
        if (needs(input, s))
            return true;
    return false;
}

void Pipeline::setParameters(const StudioParameters& params)
{
    if (params == params_)
        return;
    params_ = params;
    emit parametersChanged();
}

void Pipeline::setBusy(bool busy)
{
    if (busy_ == busy)
        return;
    busy_ = busy;
    emit busyChanged(busy);
}

void Pipeline::openDataset(const QString& spec)
{
    if (busy_)
        return;
    queue_.clear();
    target_ = Stage::Dataset;
    startJob(Stage::Dataset,
             InstructionSpec::matches(spec) ? TextStages::openJob(spec) : std::make_shared<OpenDatasetJob>(spec));
}

void Pipeline::run(Stage target)
{
    if (busy_)
        return;
    if (!dataset()) {
        emit stageFailed(target, tr("Open a dataset first."));
        return;
    }
    QList<Stage> stages;
    for (const StageEntry& e : stages_.entries())
        stages << e.stage;
    while (!unavailableReason(target).isEmpty() && stages.indexOf(target) > 0)
        target = stages[stages.indexOf(target) - 1];
    target_ = target;
    queue_.clear();
    for (Stage s : stages) {
        if (!isUpToDate(s) && needs(target, s))
            queue_.push_back(s);
        if (s == target)
            break;
    }
    setBusy(true);
    // Asynchronous even when everything is up to date: callers connect after run().
    cancelPending_ = false;
    QTimer::singleShot(0, this, [this] {
        if (cancelPending_) {
            setBusy(false);
            emit stageCancelled(target_);
            return;
        }
        for (const StageEntry& e : stages_.entries()) {
            const Stage s = e.stage;
            if (!queue_.contains(s) && needs(target_, s))
                emit stageSkipped(s);
            if (s == target_)
                break;
        }
        startNext();
    });
}

void Pipeline::exportResults(const ExportRequest& request)
{
    if (busy_)
        return;
    queue_.clear();
    target_ = Stage::Export;
    startJob(Stage::Export, std::make_shared<ExportJob>(request));
}

void Pipeline::exportInstructions(const QString& subsetPath)
{
    if (busy_)
        return;
    // The subset's manifest records the parameters: they must be those it was drawn with.
    if (!isUpToDate(Stage::Sample)) {
        emit stageFailed(Stage::Export, tr("The parameters changed since the Sample stage: run it again, then export."));
        return;
    }
    queue_.clear();
    target_ = Stage::Export;
    startJob(Stage::Export, TextStages::exportJob(dataset(), features(), bins(), sample(), params_, subsetPath));
}

void Pipeline::cancel()
{
    queue_.clear();
    if (busy_ && !runner_->isBusy())
        cancelPending_ = true; // run() was called, its first job has not started yet
    runner_->cancel();
}

std::shared_ptr<StageJob> Pipeline::makeJob(const StageEntry& e)
{
    // Epochs reach the GUI thread queued; dropped if the pipeline is gone by then.
    auto onEpoch = [this](const dq::EpochUpdate& u) {
        QMetaObject::invokeMethod(
            this, [this, u] { emit evaluationEpoch(u); }, Qt::QueuedConnection);
    };
    return e.makeJob(StageContext{state_, params_, stageKey(e), cacheDir_, onEpoch});
}

void Pipeline::startNext()
{
    if (queue_.isEmpty()) {
        setBusy(false);
        emit runFinished(target_);
        return;
    }
    const Stage s = queue_.front();
    startJob(s, makeJob(*stages_.find(s)));
}

void Pipeline::startJob(Stage s, std::shared_ptr<StageJob> job)
{
    current_ = s;
    setBusy(true);
    job_ = job;
    runner_->start(std::move(job));
    emit stageStarted(s);
}

void Pipeline::emitNotes(Job& job)
{
    for (const dq::Note& n : job.takeNotes())
        emit note(noteText(n), QString::fromStdString(n.code));
}

void Pipeline::onFinished()
{
    const std::shared_ptr<StageJob> job = std::move(job_);
    emitNotes(*job);
    job->apply(state_); // the one place where a result enters the state
    if (current_ == Stage::Dataset)
        stages_ = StageSet::forData(*dataset());
    if (current_ == Stage::Export)
        emit exported(state_.exported);
    else
        emit resultChanged(current_);
    emit stageFinished(current_);
    if (!queue_.isEmpty() && queue_.front() == current_)
        queue_.pop_front();
    if (current_ == Stage::Dataset || current_ == Stage::Export) {
        setBusy(false);
        emit runFinished(current_);
        return;
    }
    startNext();
}

void Pipeline::onFailed(const QString& message)
{
    if (const auto job = std::move(job_))
        emitNotes(*job);
    queue_.clear();
    setBusy(false);
    emit stageFailed(current_, message);
}

void Pipeline::onCancelled()
{
    job_.reset();
    queue_.clear();
    setBusy(false);
    emit stageCancelled(current_);
}

} // namespace dqui
