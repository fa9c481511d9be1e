#pragma once
#include "pipeline/Stage.h"
#include "pipeline/StudioParameters.h"

#include <QMainWindow>
#include <QMap>

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QTabWidget;
class QToolBar;

namespace dqui {

class CompositionView;
class DatasetPanel;
class DatasetView;
class ExportDialog;
class FreshnessBar;
class InstructionTabs;
class MessageBar;
class ParametersPanel;
class Pipeline;
class PixelView;
class SampleGridView;
class ScatterView;
class StagePanel;
class StatusPanel;
class StorageView;
class EvaluationView;
class ComparisonView;
class ThumbnailCache;
class TourPanel;
struct JobProgress;

// DQ Studio's window: the dataset, parameters and stages on the left, the views in
// tabs in the middle, the "Try it" walkthrough on the right, the running job in the
// status bar. Every stage runs on the pipeline's worker thread.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    // The views, in tab order.
    using View = dqui::View;

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void openDataset(const QString& spec);
    // A start without a project or dataset to open: the last dataset and parameters again
    // (false when there is none).
    bool restoreLastSession();
    // A dataset is open and its spec or parameters differ from the project last saved or
    // opened (Quit then offers to save).
    bool hasUnsavedProject() const;
    bool openProject(const QString& path, QString* error = nullptr);
    bool saveProject(const QString& path, QString* error = nullptr);
    void runStage(Stage stage);
    void runAll();
    // Stops every job the window started: the running stage and the pixel view's preparation.
    void cancelAll();
    void showView(View view);
    View currentView() const;
    ExportDialog* openExportDialog();
    void startTour();
    // The plots as images, for the report (rendered at a fixed size, whatever is shown).
    QList<QPair<QString, QImage>> renderPlots(QStringList* titles = nullptr) const;

    Pipeline* pipeline() const { return pipeline_; }
    DatasetPanel* datasetPanel() const { return datasetPanel_; }
    ParametersPanel* parametersPanel() const { return parameters_; }
    StagePanel* stagePanel() const { return stages_; }
    StatusPanel* statusPanel() const { return status_; }
    MessageBar* messageBar() const { return message_; }
    FreshnessBar* freshnessBar() const { return freshness_; }
    TourPanel* tourPanel() const { return tour_; }
    QDockWidget* tourDock() const { return tourDock_; }
    QTabWidget* views() const { return views_; }
    DatasetView* datasetView() const { return datasetView_; }
    ScatterView* scatterView() const { return scatter_; }
    CompositionView* compositionView() const { return composition_; }
    SampleGridView* sampleGrid() const { return grid_; }
    StorageView* storageView() const { return storage_; }
    PixelView* pixelView() const { return pixelView_; }
    EvaluationView* evaluationView() const { return evaluationView_; }
    ComparisonView* comparisonView() const { return comparisonView_; }
    InstructionTabs* instructionTabs() const { return instructions_; }

protected:
    void changeEvent(QEvent* event) override;
    // The window's shortcuts (Ctrl+E, Ctrl+R, ...) work whichever field has the focus.
    bool eventFilter(QObject* watched, QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void buildActions();
    void buildMenus();
    void retranslate();
    void refreshStages();
    void refreshViews();
    void refreshEvaluation();
    void refreshComparison();
    // The parameters panel's parameters with the Compare view's choices.
    StudioParameters editedParameters() const;
    void loadParameters(const StudioParameters& p); // into the panel and the Compare view
    void refreshFreshness(); // whether the view on show is current, computing or outdated
    void refreshPixel(); // the pixel view, the readout's patch counts, the stage's availability
    void refreshRecentProjects();
    void onBusyChanged(bool busy);
    void updateCancel();
    void onStageStarted(Stage stage);
    void onProgress(Stage stage, const JobProgress& progress);
    void onStageFailed(Stage stage, const QString& message);
    void onStageCancelled(Stage stage);
    void onStageFinished(Stage stage);
    void onExportRequested();
    void showSample(qint64 index);
    void chooseProjectToOpen();
    void chooseProjectToSave();
    void setLanguage(const QString& code);
    void warnIfNoFont();
    QString projectSnapshot() const; // what a saved project records of the session
    void onParametersEdited(const StudioParameters& p);

    Pipeline* pipeline_;
    ThumbnailCache* thumbnails_;
    DatasetPanel* datasetPanel_;
    ParametersPanel* parameters_;
    StagePanel* stages_;
    StatusPanel* status_;
    MessageBar* message_;
    FreshnessBar* freshness_;
    QTabWidget* views_;
    DatasetView* datasetView_;
    ScatterView* scatter_;
    CompositionView* composition_;
    SampleGridView* grid_;
    StorageView* storage_;
    PixelView* pixelView_;
    EvaluationView* evaluationView_;
    ComparisonView* comparisonView_;
    InstructionTabs* instructions_; // the Instructions view, for instruction data (text:)
    TourPanel* tour_;
    QDockWidget *controlsDock_, *tourDock_;
    QToolBar* toolbar_;
    ExportDialog* exportDialog_ = nullptr;
    QString projectPath_, exportFolder_;
    QString savedSnapshot_; // projectSnapshot() when the project was last saved or opened
    bool closeConfirmed_ = false;
    QMap<Stage, int> outcome_; // last failure/cancel per stage, until it runs again

    QMenu *fileMenu_, *openMenu_, *recentMenu_, *runMenu_, *viewMenu_, *languageMenu_, *helpMenu_;
    QAction *openFashion_, *openInstructions_, *openProject_, *saveProject_, *saveProjectAs_, *export_, *quit_;
    QAction *features_, *bins_, *sample_, *pixel_, *evaluate_, *compare_, *runAll_, *cancel_, *tourAction_, *about_;
    QActionGroup* languages_;
};

} // namespace dqui
