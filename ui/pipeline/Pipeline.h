#pragma once
#include "pipeline/ExportJob.h"
#include "pipeline/Results.h"
#include "pipeline/Stage.h"
#include "pipeline/StudioParameters.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <filesystem>

namespace dqui {

class JobRunner;

// The state of a session: the dataset, the parameters and every stage's result, each
// kept with the key of the inputs it was made from. Runs stages one at a time on a
// JobRunner; a stage whose key did not change is skipped. Lives on the GUI thread and
// never blocks it.
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

    // Runs `target` (Features, Bins, Sample or Pixel) and the stages before it that are
    // not up to date; a target that does not apply to the data (Pixel for instruction
    // data or features) runs up to the stage before it. Ignored while busy.
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
    QString datasetKey() const;
    // Empty when `s` applies to the open data, else the reason (for the stage list).
    QString unavailableReason(Stage s) const;

    DatasetPtr dataset() const { return dataset_; }
    FeaturesPtr features() const { return features_; }
    BinsPtr bins() const { return bins_; }
    SamplePtr sample() const { return sample_; }
    PixelPtr pixel() const { return pixel_; }
    EvaluationPtr evaluation() const { return evaluation_; }
    ComparisonPtr comparison() const { return comparison_; }
    const std::filesystem::path& cacheDir() const { return cacheDir_; }
    QStringList lastExport() const { return lastExport_; }

signals:
    void busyChanged(bool busy);
    void stageStarted(dqui::Stage stage);
    void progress(dqui::Stage stage, const dqui::JobProgress& progress);
    void stageFinished(dqui::Stage stage);
    void stageSkipped(dqui::Stage stage); // up to date: not run again
    void stageFailed(dqui::Stage stage, const QString& message);
    void stageCancelled(dqui::Stage stage);
    void runFinished(dqui::Stage target);  // the requested stage and its inputs are ready
    void note(const QString& text);
    void parametersChanged();
    void datasetChanged();
    void featuresChanged();
    void binsChanged();
    void sampleChanged();
    void pixelChanged();
    void evaluationChanged();
    void comparisonChanged();
    // Every epoch of every run while the Evaluate stage trains (live curves).
    void evaluationEpoch(const dq::EpochUpdate& update);
    void exported(const QStringList& written);

private:
    void startNext();
    void startJob(Stage s, std::shared_ptr<Job> job);
    void onFinished();
    void onFailed(const QString& message);
    void onCancelled();
    void setBusy(bool busy);
    std::shared_ptr<Job> makeJob(Stage s) const;
    QString stageKey(Stage s) const; // the key a stage's result must have to be up to date
    // Whether reaching `target` needs stage `s` (Evaluate needs Pixel only to compare the
    // reconstructed images; Compare needs the features and bins only).
    bool needs(Stage target, Stage s) const;

    JobRunner* runner_;
    StudioParameters params_;
    std::filesystem::path cacheDir_;
    DatasetPtr dataset_;
    FeaturesPtr features_;
    BinsPtr bins_;
    SamplePtr sample_;
    PixelPtr pixel_;
    EvaluationPtr evaluation_;
    ComparisonPtr comparison_;
    QStringList lastExport_;
    QList<Stage> queue_;
    Stage target_ = Stage::Sample;
    Stage current_ = Stage::Dataset;
    bool busy_ = false;
    bool cancelPending_ = false;
};

} // namespace dqui
