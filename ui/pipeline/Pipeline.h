#pragma once
#include "pipeline/ExportJob.h"
#include "pipeline/PipelineState.h"
#include "pipeline/Stage.h"
#include "pipeline/StageSet.h"
#include "pipeline/StudioParameters.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <filesystem>

namespace dqui {

class JobRunner;
class StageJob;

// The state of a session: the dataset, the parameters and every stage's result, each
// kept with the key of the inputs it was made from. Runs stages one at a time on a
// JobRunner; a stage whose key did not change is skipped. Lives on the GUI thread and
// never blocks it.
//
// The pipeline knows no stage by name. Opening a dataset chooses its StageSet (images,
// precomputed features or instruction data), a table with one StageEntry per stage: the
// key its result must carry, whether it applies, the stages it reads, its job and the
// views that draw it. The pipeline walks the entries to decide what runs, and each job
// hands its result over itself (StageJob::apply, on the GUI thread) into the
// PipelineState's slot of its result type; then resultChanged(stage) tells the views.
// Adding a stage is adding a Stage value with its name and icon (StageInfo) and an entry
// to the sets it applies to; the pipeline does not change.
class Pipeline : public QObject {
    Q_OBJECT

public:
    explicit Pipeline(QObject* parent = nullptr);
    ~Pipeline() override;

    void openDataset(const QString& spec);
    void setParameters(const StudioParameters& params);
    const StudioParameters& parameters() const { return params_; }
    // Where features and bins are cached (empty: core's default).
    void setCacheDir(const std::filesystem::path& dir) { cacheDir_ = dir; }

    // Runs `target` and the stages it reads, directly or through others, that are not up
    // to date (Evaluate reads Pixels only to compare the reconstructed images, Compare only
    // the features and bins); a target that does not apply to the data (Pixel for
    // instruction data or features) runs up to the stage before it. Ignored while busy.
    void run(Stage target);
    void runAll() { run(StageInfo::runAllTarget()); }
    void exportResults(const ExportRequest& request);
    // Instruction data: the subset (in the input's format), its indices and manifest, as
    // dq text writes them; `subsetPath` names the subset file.
    void exportInstructions(const QString& subsetPath);
    void cancel();

    bool isBusy() const { return busy_; }
    Stage currentStage() const { return current_; }
    // Busy, and `s` runs now or later in this run.
    bool isPending(Stage s) const { return busy_ && queue_.contains(s); }
    bool isUpToDate(Stage s) const;
    // `s` has a result, up to date or not.
    bool hasResult(Stage s) const;
    QString datasetKey() const;
    // Empty when `s` applies to the open data, else the reason (for the stage list).
    QString unavailableReason(Stage s) const;
    // The stages whose results `view` draws, in run order.
    QList<Stage> stagesShownIn(View view) const;
    // The stages of the open dataset's kind (empty before one opens).
    const StageSet& stages() const { return stages_; }

    DatasetPtr dataset() const { return state_.dataset(); }
    FeaturesPtr features() const { return state_.get<FeaturesState>(); }
    BinsPtr bins() const { return state_.get<BinsState>(); }
    SamplePtr sample() const { return state_.get<SampleState>(); }
    PixelPtr pixel() const { return state_.get<PixelState>(); }
    EvaluationPtr evaluation() const { return state_.get<EvaluationState>(); }
    ComparisonPtr comparison() const { return state_.get<ComparisonState>(); }
    const std::filesystem::path& cacheDir() const { return cacheDir_; }
    QStringList lastExport() const { return state_.exported; }

signals:
    void busyChanged(bool busy);
    void stageStarted(dqui::Stage stage);
    void progress(dqui::Stage stage, const dqui::JobProgress& progress);
    void stageFinished(dqui::Stage stage);
    void stageSkipped(dqui::Stage stage); // up to date: not run again
    void stageFailed(dqui::Stage stage, const QString& message);
    void stageCancelled(dqui::Stage stage);
    void runFinished(dqui::Stage target); // the requested stage and its inputs are ready
    // A note of the running stage as DQ Studio words it (noteText), and its code.
    void note(const QString& text, const QString& code);
    void parametersChanged();
    // The result of `stage` is new; Dataset: a dataset opened and every other result is gone.
    void resultChanged(dqui::Stage stage);
    // Every epoch of every run while the Evaluate stage trains (live curves).
    void evaluationEpoch(const dq::EpochUpdate& update);
    void exported(const QStringList& written);

private:
    void startNext();
    void startJob(Stage s, std::shared_ptr<StageJob> job);
    void emitNotes(Job& job); // the job's notes, worded for DQ Studio
    void onFinished();
    void onFailed(const QString& message);
    void onCancelled();
    void setBusy(bool busy);
    std::shared_ptr<StageJob> makeJob(const StageEntry& e);
    QString stageKey(const StageEntry& e) const; // the key its result must have to be up to date
    // Whether reaching `target` needs stage `s`: `s` is the target or one of the inputs it
    // reads, directly or through others.
    bool needs(Stage target, Stage s) const;

    JobRunner* runner_;
    StudioParameters params_;
    std::filesystem::path cacheDir_;
    PipelineState state_;
    StageSet stages_; // of the open dataset's kind
    std::shared_ptr<StageJob> job_; // the running job, applied when it finishes
    QList<Stage> queue_;
    Stage target_ = Stage::Sample;
    Stage current_ = Stage::Dataset;
    bool busy_ = false;
    bool cancelPending_ = false;
};

} // namespace dqui
