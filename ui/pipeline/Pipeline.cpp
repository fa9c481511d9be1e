#include "pipeline/Pipeline.h"

#include "common/Threads.h"
#include "pipeline/BinsJob.h"
#include "pipeline/CompareJob.h"
#include "pipeline/EvaluateJob.h"
#include "pipeline/FeaturesJob.h"
#include "pipeline/InstructionSpec.h"
#include "pipeline/JobRunner.h"
#include "pipeline/OpenDatasetJob.h"
#include "pipeline/PixelJob.h"
#include "pipeline/PixelStage.h"
#include "pipeline/SampleJob.h"
#include "pipeline/TextJob.h"
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

QString Pipeline::datasetKey() const { return dataset_ ? dataset_->key : QString(); }

QString Pipeline::stageKey(Stage s) const
{
    const QString d = datasetKey();
    if (TextStages::isInstructions(dataset_.get()))
        return TextStages::key(s, params_, d);
    switch (s) {
    case Stage::Features: return params_.featuresKey(d);
    case Stage::Bins: return params_.binsKey(d);
    case Stage::Sample: return params_.sampleKey(d);
    case Stage::Pixel: return params_.pixelKey(d);
    case Stage::Evaluate: return params_.evaluateKey(d);
    case Stage::Compare: return params_.compareKey(d);
    default: return d;
    }
}

bool Pipeline::isUpToDate(Stage s) const
{
    switch (s) {
    case Stage::Dataset: return dataset_ != nullptr;
    case Stage::Features: return dataset_ && features_ && features_->key == stageKey(s);
    case Stage::Bins: return isUpToDate(Stage::Features) && bins_ && bins_->key == stageKey(s);
    case Stage::Sample: return isUpToDate(Stage::Bins) && sample_ && sample_->key == stageKey(s);
    case Stage::Pixel: return isUpToDate(Stage::Sample) && pixel_ && pixel_->key == stageKey(s);
    case Stage::Evaluate:
        return isUpToDate(Stage::Sample) && (!needs(Stage::Evaluate, Stage::Pixel) || isUpToDate(Stage::Pixel)) &&
               evaluation_ && evaluation_->key == stageKey(s);
    case Stage::Compare: return isUpToDate(Stage::Bins) && comparison_ && comparison_->key == stageKey(s);
    case Stage::Export: return false;
    }
    return false;
}

QString Pipeline::unavailableReason(Stage s) const
{
    if (s == Stage::Pixel && dataset_)
        return PixelStage::unavailableReason(dataset_.get());
    if ((s == Stage::Evaluate || s == Stage::Compare) && dataset_)
        return EvaluateJob::unavailableReason(dataset_.get()); // both train image classifiers
    return {};
}

bool Pipeline::needs(Stage target, Stage s) const
{
    if (target == Stage::Evaluate && s == Stage::Pixel)
        return params_.evalReconstructed && unavailableReason(Stage::Pixel).isEmpty();
    if (target == Stage::Compare)
        return s == Stage::Features || s == Stage::Bins || s == Stage::Compare;
    return true;
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
    startJob(Stage::Dataset, InstructionSpec::matches(spec) ? TextStages::openJob(spec)
                                                            : std::make_shared<OpenDatasetJob>(spec));
}

void Pipeline::run(Stage target)
{
    if (busy_)
        return;
    if (!dataset_) {
        emit stageFailed(target, tr("Open a dataset first."));
        return;
    }
    const QList<Stage> stages = StageInfo::runnable();
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
        for (Stage s : StageInfo::runnable()) {
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
    startJob(Stage::Export, TextStages::exportJob(dataset_, features_, bins_, sample_, params_, subsetPath));
}

void Pipeline::cancel()
{
    queue_.clear();
    if (busy_ && !runner_->isBusy())
        cancelPending_ = true; // run() was called, its first job has not started yet
    runner_->cancel();
}

std::shared_ptr<Job> Pipeline::makeJob(Stage s) const
{
    if (TextStages::isInstructions(dataset_.get()))
        return TextStages::makeJob(s, dataset_, features_, bins_, params_, stageKey(s), cacheDir_);
    switch (s) {
    case Stage::Features:
        return std::make_shared<FeaturesJob>(dataset_, params_, stageKey(s), cacheDir_);
    case Stage::Bins:
        return std::make_shared<BinsJob>(dataset_, features_, params_, stageKey(s), cacheDir_);
    case Stage::Sample:
        return std::make_shared<SampleJob>(
            SampleRequest{bins_, features_->rows, params_.ratio, params_.seed, stageKey(s)});
    case Stage::Pixel:
        return std::make_shared<PixelJob>(dataset_, sample_, params_, stageKey(s), cacheDir_);
    case Stage::Evaluate: {
        // Epochs reach the GUI thread queued; dropped if the pipeline is gone by then.
        auto* self = const_cast<Pipeline*>(this);
        auto onEpoch = [self](const dq::EpochUpdate& u) {
            QMetaObject::invokeMethod(self, [self, u] { emit self->evaluationEpoch(u); }, Qt::QueuedConnection);
        };
        const bool recon = needs(Stage::Evaluate, Stage::Pixel);
        return std::make_shared<EvaluateJob>(EvaluateJob::Inputs{dataset_, bins_, sample_, recon ? pixel_ : nullptr},
                                             params_, stageKey(s), cacheDir_, onEpoch);
    }
    case Stage::Compare:
        return std::make_shared<CompareJob>(CompareJob::Inputs{dataset_, features_, bins_}, params_, stageKey(s),
                                            cacheDir_);
    default:
        return nullptr;
    }
}

void Pipeline::startNext()
{
    if (queue_.isEmpty()) {
        setBusy(false);
        emit runFinished(target_);
        return;
    }
    const Stage s = queue_.front();
    startJob(s, makeJob(s));
}

void Pipeline::startJob(Stage s, std::shared_ptr<Job> job)
{
    current_ = s;
    setBusy(true);
    runner_->start(std::move(job));
    emit stageStarted(s);
}

void Pipeline::onFinished()
{
    const std::shared_ptr<Job> job = runner_->lastJob();
    for (const QString& n : job->takeNotes())
        emit note(n);
    const auto* text = dynamic_cast<const TextJob*>(job.get()); // instruction data
    switch (current_) {
    case Stage::Dataset:
        dataset_ = text ? text->dataset : static_cast<OpenDatasetJob&>(*job).result;
        features_.reset();
        bins_.reset();
        sample_.reset();
        pixel_.reset();
        evaluation_.reset();
        comparison_.reset();
        emit datasetChanged();
        emit featuresChanged();
        emit binsChanged();
        emit sampleChanged();
        emit pixelChanged();
        emit evaluationChanged();
        emit comparisonChanged();
        break;
    case Stage::Features:
        features_ = text ? text->features : static_cast<FeaturesJob&>(*job).result;
        emit featuresChanged();
        break;
    case Stage::Bins:
        bins_ = text ? text->bins : static_cast<BinsJob&>(*job).result;
        emit binsChanged();
        break;
    case Stage::Sample:
        sample_ = text ? text->sample : static_cast<SampleJob&>(*job).result;
        emit sampleChanged();
        break;
    case Stage::Pixel:
        pixel_ = static_cast<PixelJob&>(*job).result;
        emit pixelChanged();
        break;
    case Stage::Evaluate:
        evaluation_ = static_cast<EvaluateJob&>(*job).result;
        emit evaluationChanged();
        break;
    case Stage::Compare:
        comparison_ = static_cast<CompareJob&>(*job).result;
        emit comparisonChanged();
        break;
    case Stage::Export:
        lastExport_ = text ? text->written : static_cast<ExportJob&>(*job).written;
        emit exported(lastExport_);
        break;
    }
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
    if (const auto job = runner_->lastJob())
        for (const QString& n : job->takeNotes())
            emit note(n);
    queue_.clear();
    setBusy(false);
    emit stageFailed(current_, message);
}

void Pipeline::onCancelled()
{
    queue_.clear();
    setBusy(false);
    emit stageCancelled(current_);
}

} // namespace dqui
