#include "MainWindow.h"

#include "InstructionTabs.h"
#include "common/Language.h"
#include "common/Settings.h"
#include "dialogs/ExportDialog.h"
#include "dialogs/SampleDialog.h"
#include "panels/DatasetPanel.h"
#include "panels/FreshnessBar.h"
#include "panels/MessageBar.h"
#include "panels/ParametersPanel.h"
#include "panels/StagePanel.h"
#include "panels/StatusPanel.h"
#include "pipeline/ComparisonMethods.h"
#include "pipeline/EvaluationText.h"
#include "pipeline/Pipeline.h"
#include "pipeline/PixelStage.h"
#include "pipeline/Project.h"
#include "pipeline/TextStages.h"
#include "pipeline/ReportWriter.h"
#include "tour/FashionMnistTour.h"
#include "tour/TourPanel.h"
#include "views/ClassHistogram.h"
#include "views/CompareChoices.h"
#include "views/ComparisonView.h"
#include "views/CompositionView.h"
#include "views/DatasetView.h"
#include "views/EvaluationView.h"
#include "views/SampleGridView.h"
#include "views/PixelView.h"
#include "views/PixelPreviewer.h"
#include "views/PointCloudPlot.h"
#include "views/ScatterView.h"
#include "views/CodecComparisonPanel.h"
#include "views/StorageView.h"
#include "views/ThumbnailCache.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeyEvent>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

#include <qcustomplot.h>

namespace dqui {
namespace {

QString compactJson(const StudioParameters& p)
{
    return QString::fromUtf8(QJsonDocument(p.toJson()).toJson(QJsonDocument::Compact));
}

// What a project records of a session: the dataset and the parameters.
QString snapshotOf(const QString& spec, const StudioParameters& p) { return spec + QLatin1Char('\n') + compactJson(p); }

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("DQStudioMainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/dq-studio.svg")));
    pipeline_ = new Pipeline(this);
    thumbnails_ = new ThumbnailCache(this);

    datasetPanel_ = new DatasetPanel(this);
    parameters_ = new ParametersPanel(this);
    stages_ = new StagePanel(this);
    auto* controls = new QWidget(this);
    auto* controlsLayout = new QVBoxLayout(controls);
    controlsLayout->addWidget(datasetPanel_);
    controlsLayout->addWidget(stages_);
    controlsLayout->addWidget(parameters_, 1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(controls);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(controls->sizeHint().width() + 20);
    controlsDock_ = new QDockWidget(this);
    controlsDock_->setObjectName(QStringLiteral("controlsDock"));
    controlsDock_->setWidget(scroll);
    controlsDock_->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, controlsDock_);

    views_ = new QTabWidget(this);
    views_->setObjectName(QStringLiteral("views"));
    datasetView_ = new DatasetView(thumbnails_, this);
    scatter_ = new ScatterView(this);
    composition_ = new CompositionView(this);
    composition_->setThumbnails(thumbnails_);
    grid_ = new SampleGridView(thumbnails_, this);
    storage_ = new StorageView(this);
    pixelView_ = new PixelView(this);
    pixelView_->setObjectName(QStringLiteral("pixelView"));
    evaluationView_ = new EvaluationView(this);
    evaluationView_->setObjectName(QStringLiteral("evaluationView"));
    comparisonView_ = new ComparisonView(this);
    comparisonView_->setObjectName(QStringLiteral("comparisonView"));
    comparisonView_->choices()->load(parameters_->parameters());
    for (QWidget* w : std::initializer_list<QWidget*>{datasetView_, scatter_, composition_, grid_, pixelView_, storage_,
                                                      evaluationView_, comparisonView_})
        views_->addTab(w, QString());
    instructions_ = new InstructionTabs(views_,
                                        {{datasetView_, InstructionTabs::ImageTab::Pictures},
                                         {scatter_, InstructionTabs::ImageTab::Scatter},
                                         {grid_, InstructionTabs::ImageTab::Pictures},
                                         {pixelView_, InstructionTabs::ImageTab::Pixels},
                                         {storage_, InstructionTabs::ImageTab::Storage},
                                         {evaluationView_, InstructionTabs::ImageTab::Evaluation},
                                         {comparisonView_, InstructionTabs::ImageTab::Evaluation}},
                                        composition_, this);
    message_ = new MessageBar(this);
    auto* central = new QWidget(this);
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(4, 4, 4, 0);
    centralLayout->addWidget(message_);
    freshness_ = new FreshnessBar(this);
    centralLayout->addWidget(freshness_);
    centralLayout->addWidget(views_, 1);
    setCentralWidget(central);

    tour_ = new TourPanel(this);
    tourDock_ = new QDockWidget(this);
    tourDock_->setObjectName(QStringLiteral("tourDock"));
    tourDock_->setWidget(tour_);
    addDockWidget(Qt::RightDockWidgetArea, tourDock_);
    tourDock_->hide();
    connect(tour_, &TourPanel::finished, tourDock_, &QDockWidget::hide);

    status_ = new StatusPanel(this);
    statusBar()->addPermanentWidget(status_, 1);
    connect(status_, &StatusPanel::cancelRequested, this, &MainWindow::cancelAll);
    // The pixel view's own preparation shows in the status bar like a stage, with the same Cancel.
    connect(pixelView_, &PixelView::workingChanged, this, [this](bool working) {
        if (!pipeline_->isBusy()) {
            if (working)
                status_->begin(tr("Pixels preview"));
            else
                status_->end(QString());
        }
        updateCancel();
    });
    connect(pixelView_->previewer(), &PixelPreviewer::buildProgress, this, [this](const JobProgress& p) {
        if (!pipeline_->isBusy())
            status_->update(p);
    });

    buildActions();
    buildMenus();
    qApp->installEventFilter(this);

    connect(datasetPanel_, &DatasetPanel::openRequested, this, &MainWindow::openDataset);
    connect(parameters_, &ParametersPanel::parametersChanged, this, [this] { onParametersEdited(editedParameters()); });
    connect(comparisonView_->choices(), &CompareChoices::changed, this, [this] { onParametersEdited(editedParameters()); });
    connect(comparisonView_->choices(), &CompareChoices::runRequested, this, [this] { runStage(Stage::Compare); });
    connect(comparisonView_->choices(), &CompareChoices::cancelRequested, this, &MainWindow::cancelAll);
    connect(comparisonView_, &ComparisonView::keptChosen, this,
            [this](const QString& name, const std::vector<std::int64_t>& indices) {
                scatter_->setComparedKept(name, indices);
                grid_->setComparedKept(name, indices);
            });
    connect(stages_, &StagePanel::runRequested, this, [this](Stage s) {
        if (s == Stage::Export)
            openExportDialog();
        else
            runStage(s);
    });
    connect(stages_, &StagePanel::runAllRequested, this, &MainWindow::runAll);
    connect(pipeline_, &Pipeline::busyChanged, this, &MainWindow::onBusyChanged);
    connect(pipeline_, &Pipeline::stageStarted, this, &MainWindow::onStageStarted);
    connect(pipeline_, &Pipeline::progress, this, &MainWindow::onProgress);
    connect(pipeline_, &Pipeline::stageFailed, this, &MainWindow::onStageFailed);
    connect(pipeline_, &Pipeline::stageCancelled, this, &MainWindow::onStageCancelled);
    connect(pipeline_, &Pipeline::stageFinished, this, &MainWindow::onStageFinished);
    connect(pipeline_, &Pipeline::parametersChanged, this, &MainWindow::refreshStages);
    connect(pipeline_, &Pipeline::parametersChanged, this, &MainWindow::refreshPixel);
    connect(pipeline_, &Pipeline::parametersChanged, this, &MainWindow::refreshEvaluation);
    connect(pipeline_, &Pipeline::parametersChanged, this, &MainWindow::refreshComparison);
    connect(pipeline_, &Pipeline::note, this, [this](const QString& n) { message_->show(MessageBar::Kind::Info, n); });
    connect(pipeline_, &Pipeline::exported, this, [this](const QStringList& written) {
        if (exportDialog_)
            exportDialog_->showWritten(written);
        message_->show(MessageBar::Kind::Info, tr("Exported to %1").arg(exportFolder_));
    });
    connect(pipeline_, &Pipeline::evaluationEpoch, evaluationView_, &EvaluationView::addEpoch);
    connect(pipeline_, &Pipeline::stageStarted, this, [this](Stage s) {
        if (s == Stage::Evaluate) {
            const StudioParameters& p = pipeline_->parameters();
            evaluationView_->startRun(p.evalEpochs, p.evalSeeds);
        }
        if (s == Stage::Compare)
            comparisonView_->setRunning(true, true);
    });
    connect(pipeline_, &Pipeline::resultChanged, this, &MainWindow::refreshViews);
    connect(scatter_, &ScatterView::selectionChanged, this, [this](const QVector<qint64>& sel) {
        grid_->setScatterSelection(sel);
        if (!sel.isEmpty()) {
            grid_->setShow(SampleGridView::Show::ScatterSelection);
            pixelView_->setSample(sel.first());
        }
    });
    connect(pixelView_, &PixelView::maskRatioChosen, this, [this](double m) {
        StudioParameters p = editedParameters();
        p.maskRatio = m;
        parameters_->setParameters(p);
        onParametersEdited(editedParameters());
    });
    connect(scatter_, &ScatterView::sampleActivated, this, &MainWindow::showSample);
    connect(grid_, &SampleGridView::sampleActivated, this, &MainWindow::showSample);
    connect(datasetView_, &DatasetView::sampleActivated, this, &MainWindow::showSample);
    connect(views_, &QTabWidget::currentChanged, this, [this](int i) {
        Settings::setValue(Setting::CurrentView, i);
        refreshFreshness();
    });

    pipeline_->setParameters(editedParameters());
    retranslate();
    resize(1360, 860);
    restoreGeometry(Settings::value(Setting::WindowGeometry).toByteArray());
    restoreState(Settings::value(Setting::WindowState).toByteArray());
    tourDock_->hide();
    views_->setCurrentIndex(std::clamp(Settings::integer(Setting::CurrentView), 0, views_->count() - 1));
    refreshStages();
    refreshViews();
    warnIfNoFont();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    const auto icon = [](const char* name) { return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name))); };
    openFashion_ = new QAction(icon("dataset"), QString(), this);
    connect(openFashion_, &QAction::triggered, this, [this] { openDataset(QStringLiteral("fashion-mnist")); });
    openInstructions_ = new QAction(this);
    connect(openInstructions_, &QAction::triggered, datasetPanel_, &DatasetPanel::chooseInstructions);
    openProject_ = new QAction(this);
    openProject_->setShortcut(QKeySequence::Open);
    connect(openProject_, &QAction::triggered, this, &MainWindow::chooseProjectToOpen);
    saveProject_ = new QAction(this);
    saveProject_->setShortcut(QKeySequence::Save);
    connect(saveProject_, &QAction::triggered, this, [this] {
        if (projectPath_.isEmpty())
            chooseProjectToSave();
        else if (QString e; !saveProject(projectPath_, &e))
            message_->show(MessageBar::Kind::Error, e);
    });
    saveProjectAs_ = new QAction(this);
    saveProjectAs_->setShortcut(QKeySequence::SaveAs);
    connect(saveProjectAs_, &QAction::triggered, this, &MainWindow::chooseProjectToSave);
    export_ = new QAction(icon("export"), QString(), this);
    export_->setShortcut(QKeySequence(QStringLiteral("Ctrl+E")));
    connect(export_, &QAction::triggered, this, [this] { openExportDialog(); });
    quit_ = new QAction(this);
    quit_->setShortcut(QKeySequence::Quit);
    connect(quit_, &QAction::triggered, this, &QWidget::close);

    features_ = new QAction(icon("features"), QString(), this);
    connect(features_, &QAction::triggered, this, [this] { runStage(Stage::Features); });
    bins_ = new QAction(icon("bins"), QString(), this);
    connect(bins_, &QAction::triggered, this, [this] { runStage(Stage::Bins); });
    sample_ = new QAction(icon("sample"), QString(), this);
    connect(sample_, &QAction::triggered, this, [this] { runStage(Stage::Sample); });
    pixel_ = new QAction(icon("pixel"), QString(), this);
    connect(pixel_, &QAction::triggered, this, [this] { runStage(Stage::Pixel); });
    evaluate_ = new QAction(icon("evaluate"), QString(), this);
    connect(evaluate_, &QAction::triggered, this, [this] { runStage(Stage::Evaluate); });
    compare_ = new QAction(icon("compare"), QString(), this);
    connect(compare_, &QAction::triggered, this, [this] {
        showView(View::Compare);
        runStage(Stage::Compare);
    });
    runAll_ = new QAction(icon("run-all"), QString(), this);
    runAll_->setShortcut(QKeySequence(QStringLiteral("Ctrl+R")));
    connect(runAll_, &QAction::triggered, this, &MainWindow::runAll);
    cancel_ = new QAction(icon("cancel"), QString(), this);
    cancel_->setShortcut(QKeySequence(Qt::Key_Escape));
    cancel_->setEnabled(false);
    connect(cancel_, &QAction::triggered, this, &MainWindow::cancelAll);
    tourAction_ = new QAction(icon("tour"), QString(), this);
    connect(tourAction_, &QAction::triggered, this, &MainWindow::startTour);
    about_ = new QAction(this);
    connect(about_, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About DQ Studio"),
                           tr("<b>DQ Studio %1</b><p>Dataset Quantization (Zhou et al., ICCV 2023): keep a small part of "
                              "a dataset that trains nearly as well as all of it.</p>")
                               .arg(QCoreApplication::applicationVersion())); // version and git commit
    });

    toolbar_ = addToolBar(QString());
    toolbar_->setObjectName(QStringLiteral("mainToolbar"));
    toolbar_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar_->setIconSize(QSize(20, 20));
    toolbar_->addAction(openFashion_);
    toolbar_->addSeparator();
    for (QAction* a : {features_, bins_, sample_, pixel_, runAll_, cancel_})
        toolbar_->addAction(a);
    toolbar_->addAction(evaluate_);
    toolbar_->addAction(compare_);
    toolbar_->addSeparator();
    toolbar_->addAction(export_);
    toolbar_->addAction(tourAction_);
}

void MainWindow::buildMenus()
{
    fileMenu_ = menuBar()->addMenu(QString());
    openMenu_ = fileMenu_->addMenu(QString());
    openMenu_->addAction(openFashion_);
    openMenu_->addAction(openInstructions_);
    fileMenu_->addAction(openProject_);
    recentMenu_ = fileMenu_->addMenu(QString());
    fileMenu_->addAction(saveProject_);
    fileMenu_->addAction(saveProjectAs_);
    fileMenu_->addSeparator();
    fileMenu_->addAction(export_);
    fileMenu_->addSeparator();
    fileMenu_->addAction(quit_);
    runMenu_ = menuBar()->addMenu(QString());
    for (QAction* a : {features_, bins_, sample_, pixel_, evaluate_, compare_, runAll_, cancel_})
        runMenu_->addAction(a);
    viewMenu_ = menuBar()->addMenu(QString());
    languageMenu_ = menuBar()->addMenu(QString());
    languages_ = new QActionGroup(this);
    for (const Language::Entry& e : Language::available()) {
        QAction* a = languageMenu_->addAction(Language::menuText(e));
        a->setCheckable(true);
        a->setData(e.code);
        a->setChecked(Language::current() == e.code);
        languages_->addAction(a);
        connect(a, &QAction::triggered, this, [this, code = e.code] { setLanguage(code); });
    }
    helpMenu_ = menuBar()->addMenu(QString());
    helpMenu_->addAction(tourAction_);
    helpMenu_->addAction(about_);
    refreshRecentProjects();
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate()
{
    setWindowTitle(projectPath_.isEmpty() ? tr("DQ Studio") : tr("%1 - DQ Studio").arg(QFileInfo(projectPath_).fileName()));
    controlsDock_->setWindowTitle(tr("Data and parameters"));
    tourDock_->setWindowTitle(tr("Try it"));
    toolbar_->setWindowTitle(tr("Stages"));
    views_->setTabText(0, tr("Dataset"));
    views_->setTabText(1, tr("Embedding"));
    views_->setTabText(2, tr("Bins"));
    views_->setTabText(3, tr("Samples"));
    views_->setTabText(4, tr("Pixels"));
    views_->setTabText(5, tr("Storage"));
    views_->setTabText(6, tr("Evaluate"));
    views_->setTabText(7, tr("Compare"));
    views_->setTabToolTip(0, tr("The dataset: sizes, images per class, the images"));
    views_->setTabToolTip(1, tr("Every image as a point: similar images lie close together; colours are bins"));
    views_->setTabToolTip(2, tr("What each bin holds, class by class"));
    views_->setTabToolTip(3, tr("The images, filtered by bin, class and whether the sample keeps them"));
    views_->setTabToolTip(4,
                          tr("One image at a time: where the network looks, the patches kept and the image painted back"));
    views_->setTabToolTip(5, tr("How much data the sample and the kept patches take"));
    views_->setTabToolTip(7, tr("DQ against the field's selection methods: test accuracy against keep ratio"));
    instructions_->retranslate();
    fileMenu_->setTitle(tr("&File"));
    openMenu_->setTitle(tr("Open &dataset"));
    recentMenu_->setTitle(tr("Recent &projects"));
    runMenu_->setTitle(tr("&Run"));
    viewMenu_->setTitle(tr("&View"));
    languageMenu_->setTitle(tr("&Language"));
    helpMenu_->setTitle(tr("&Help"));
    openFashion_->setText(tr("Fashion-MNIST"));
    openFashion_->setToolTip(tr("Open Fashion-MNIST, installed with DQ Studio"));
    openInstructions_->setText(tr("&Instruction data (JSON)…"));
    openInstructions_->setToolTip(
        tr("Open instruction records (a JSON list or JSON Lines) and, optionally, their embeddings"));
    openProject_->setText(tr("&Open project…"));
    saveProject_->setText(tr("&Save project"));
    saveProjectAs_->setText(tr("Save project &as…"));
    export_->setText(tr("&Export…"));
    export_->setToolTip(tr("Write the kept indices, the bins, the reconstructed images and a report"));
    quit_->setText(tr("&Quit"));
    features_->setText(tr("Features"));
    features_->setToolTip(StageInfo::description(Stage::Features));
    bins_->setText(tr("Bins"));
    bins_->setToolTip(StageInfo::description(Stage::Bins));
    sample_->setText(tr("Sample"));
    sample_->setToolTip(StageInfo::description(Stage::Sample));
    pixel_->setText(tr("Pixels"));
    pixel_->setToolTip(StageInfo::description(Stage::Pixel));
    evaluate_->setText(tr("Evaluate"));
    evaluate_->setToolTip(StageInfo::description(Stage::Evaluate));
    compare_->setText(tr("Compare"));
    compare_->setToolTip(StageInfo::description(Stage::Compare));
    runAll_->setText(tr("Run all"));
    runAll_->setToolTip(tr("Run every stage that is not up to date, in order"));
    cancel_->setText(tr("Cancel"));
    cancel_->setToolTip(tr("Stop the running stage; what was done before it stays"));
    tourAction_->setText(tr("Try it"));
    tourAction_->setToolTip(tr("A short guided walk through Dataset Quantization on Fashion-MNIST"));
    about_->setText(tr("&About DQ Studio"));
    viewMenu_->clear();
    for (int i = 0; i < views_->count(); ++i)
        viewMenu_->addAction(views_->tabText(i), this, [this, i] { views_->setCurrentIndex(i); });
    viewMenu_->addSeparator();
    viewMenu_->addAction(controlsDock_->toggleViewAction());
    viewMenu_->addAction(tourDock_->toggleViewAction());
    refreshRecentProjects();
    tour_->setSteps(FashionMnistTour::steps(*this));
    refreshFreshness();
}

void MainWindow::setLanguage(const QString& code)
{
    Settings::setValue(Setting::Language, code);
    if (!Language::apply(code))
        message_->show(MessageBar::Kind::Warning, tr("The translation for %1 is missing.").arg(code));
    for (QAction* a : languages_->actions())
        a->setChecked(a->data().toString() == Language::current());
    warnIfNoFont();
}

void MainWindow::warnIfNoFont()
{
    if (Language::hasFont(Language::current()))
        return;
    // In English on purpose: without the font a translated warning would be empty boxes too.
    message_->show(MessageBar::Kind::Warning,
                   QStringLiteral("No installed font covers Chinese, so its text shows as empty boxes. Install "
                                  "fonts-wqy-microhei or fonts-noto-cjk (packaging/install-deps.sh does), then "
                                  "restart DQ Studio."));
}

void MainWindow::refreshRecentProjects()
{
    recentMenu_->clear();
    const QStringList recent = Settings::stringList(Setting::RecentProjects);
    for (const QString& p : recent)
        recentMenu_->addAction(p, this, [this, p] {
            if (QString e; !openProject(p, &e))
                message_->show(MessageBar::Kind::Error, e);
        });
    recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::onParametersEdited(const StudioParameters& p)
{
    pipeline_->setParameters(p);
    Settings::setValue(Setting::LastParameters, compactJson(p));
}

QString MainWindow::projectSnapshot() const
{
    const auto d = pipeline_->dataset();
    return snapshotOf(d ? d->spec : QString(), pipeline_->parameters());
}

bool MainWindow::hasUnsavedProject() const { return pipeline_->dataset() && projectSnapshot() != savedSnapshot_; }

bool MainWindow::restoreLastSession()
{
    const QString spec = Settings::stringList(Setting::RecentDatasets).value(0);
    if (spec.isEmpty())
        return false;
    const QJsonObject json = QJsonDocument::fromJson(Settings::string(Setting::LastParameters).toUtf8()).object();
    StudioParameters p;
    if (!json.isEmpty() && StudioParameters::fromJson(json, p, nullptr)) {
        loadParameters(p);
        pipeline_->setParameters(editedParameters());
    }
    openDataset(spec);
    message_->show(MessageBar::Kind::Info, tr("Reopened %1 with the parameters of the last session.").arg(spec));
    return true;
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (hasUnsavedProject() && !closeConfirmed_) {
        // Asked without a nested event loop: the answer closes the window again.
        event->ignore();
        if (auto* asking = findChild<QMessageBox*>(QStringLiteral("saveOnQuit")); asking && asking->isVisible())
            return;
        auto* box = new QMessageBox(QMessageBox::Question, tr("Save the project?"),
                                    tr("Save this dataset and its parameters as a project before quitting? "
                                       "The next start reopens them either way."),
                                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
        box->setObjectName(QStringLiteral("saveOnQuit"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        connect(box, &QMessageBox::finished, this, [this, box](int) {
            const QMessageBox::StandardButton b = box->standardButton(box->clickedButton());
            if (b == QMessageBox::Save) {
                saveProject_->trigger();
                if (hasUnsavedProject())
                    return; // not saved (dialog cancelled or failed): stay open
            } else if (b != QMessageBox::Discard) {
                return;
            }
            closeConfirmed_ = true;
            close();
        });
        box->open();
        return;
    }
    Settings::setValue(Setting::WindowGeometry, saveGeometry());
    Settings::setValue(Setting::WindowState, saveState());
    cancelAll(); // the workers stop within 100 ms; their runners join them
    QMainWindow::closeEvent(event);
}

void MainWindow::showView(View view) { views_->setCurrentIndex(static_cast<int>(view)); }
MainWindow::View MainWindow::currentView() const { return static_cast<View>(views_->currentIndex()); }

void MainWindow::startTour()
{
    tour_->setSteps(FashionMnistTour::steps(*this));
    tour_->setStep(0);
    tourDock_->show();
    tourDock_->raise();
    Settings::setValue(Setting::TourSeen, true);
}

void MainWindow::showSample(qint64 index)
{
    const auto d = pipeline_->dataset();
    if (!d || index < 0 || index >= d->size())
        return;
    SampleDialog::Info info;
    info.index = index;
    if (d->images) {
        try {
            info.image = ThumbnailCache::toQImage(d->train().image(index));
        } catch (const std::exception& e) {
            message_->show(MessageBar::Kind::Error, QString::fromUtf8(e.what()));
        }
    }
    const QStringList names = classNames(d.get());
    const int l = index < static_cast<qint64>(d->labels.size()) ? d->labels[static_cast<std::size_t>(index)] : -1;
    info.className = l >= 0 && l < names.size() ? names[l] : QString();
    if (const auto b = pipeline_->bins(); b && index < static_cast<qint64>(b->binOf.size())) {
        info.bin = b->binOf[static_cast<std::size_t>(index)];
        info.bins = static_cast<int>(b->bins.size());
    }
    if (const auto s = pipeline_->sample(); s && index < static_cast<qint64>(s->selected.size()))
        info.kept = s->selected[static_cast<std::size_t>(index)];
    pixelView_->setSample(index);
    auto* dialog = new SampleDialog(info, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

// --- data, projects, stages ---------------------------------------------------------

void MainWindow::openDataset(const QString& spec)
{
    if (pipeline_->isBusy()) {
        message_->show(MessageBar::Kind::Warning,
                       tr("Wait for the running stage to end, or cancel it, before opening another dataset."));
        return;
    }
    message_->hide();
    pipeline_->openDataset(spec);
}

bool MainWindow::openProject(const QString& path, QString* error)
{
    Project p;
    if (!Project::load(path, p, error))
        return false;
    if (pipeline_->isBusy()) {
        if (error)
            *error = tr("Wait for the running stage to end, or cancel it, before opening a project.");
        return false;
    }
    projectPath_ = QFileInfo(path).absoluteFilePath();
    exportFolder_ = p.exportFolder;
    loadParameters(p.parameters);
    onParametersEdited(editedParameters());
    Settings::pushRecent(Setting::RecentProjects, projectPath_);
    refreshRecentProjects();
    retranslate();
    if (!pipeline_->dataset() || pipeline_->dataset()->spec != p.dataset)
        pipeline_->openDataset(p.dataset);
    savedSnapshot_ = snapshotOf(p.dataset, pipeline_->parameters());
    return true;
}

bool MainWindow::saveProject(const QString& path, QString* error)
{
    Project p;
    const auto d = pipeline_->dataset();
    p.dataset = d ? d->spec : QString();
    if (p.dataset.isEmpty()) {
        if (error)
            *error = tr("Open a dataset before saving a project.");
        return false;
    }
    p.parameters = pipeline_->parameters();
    if (const auto f = pipeline_->features())
        p.featuresFolder = QString::fromStdString(f->result.folder.string());
    if (const auto b = pipeline_->bins())
        p.binsFolder = b->folder;
    p.exportFolder = exportFolder_;
    QString target = path;
    if (!target.endsWith(QLatin1String(".dqproj")))
        target += QLatin1String(".dqproj");
    if (!p.save(target, error))
        return false;
    projectPath_ = QFileInfo(target).absoluteFilePath();
    savedSnapshot_ = projectSnapshot();
    Settings::pushRecent(Setting::RecentProjects, projectPath_);
    refreshRecentProjects();
    retranslate();
    statusBar()->showMessage(tr("Saved %1").arg(projectPath_), 5000);
    return true;
}

void MainWindow::chooseProjectToOpen()
{
    const QString f = QFileDialog::getOpenFileName(this, tr("Open project"), Settings::string(Setting::LastDirectory),
                                                   tr("DQ Studio projects (*.dqproj)"));
    if (f.isEmpty())
        return;
    Settings::setValue(Setting::LastDirectory, QFileInfo(f).absolutePath());
    if (QString e; !openProject(f, &e))
        message_->show(MessageBar::Kind::Error, e);
}

void MainWindow::chooseProjectToSave()
{
    const QString f = QFileDialog::getSaveFileName(this, tr("Save project"), Settings::string(Setting::LastDirectory),
                                                   tr("DQ Studio projects (*.dqproj)"));
    if (f.isEmpty())
        return;
    Settings::setValue(Setting::LastDirectory, QFileInfo(f).absolutePath());
    if (QString e; !saveProject(f, &e))
        message_->show(MessageBar::Kind::Error, e);
}

void MainWindow::runStage(Stage stage)
{
    if (pipeline_->isBusy())
        return;
    message_->hide();
    pipeline_->setParameters(editedParameters());
    pipeline_->run(stage);
}

StudioParameters MainWindow::editedParameters() const
{
    StudioParameters p = parameters_->parameters();
    comparisonView_->choices()->store(p);
    return p;
}

void MainWindow::loadParameters(const StudioParameters& p)
{
    parameters_->setParameters(p);
    comparisonView_->choices()->load(p);
}

void MainWindow::runAll() { runStage(StageInfo::runAllTarget()); }

void MainWindow::refreshStages()
{
    for (Stage s : StageInfo::runnable()) {
        StagePanel::Status st;
        if (pipeline_->isBusy() && pipeline_->currentStage() == s)
            st = StagePanel::Status::Running;
        else if (pipeline_->isUpToDate(s))
            st = StagePanel::Status::UpToDate;
        else if (outcome_.contains(s))
            st = static_cast<StagePanel::Status>(outcome_.value(s));
        else
            st = pipeline_->hasResult(s) ? StagePanel::Status::Outdated : StagePanel::Status::NotRun;
        stages_->setStatus(s, st);
    }
    const auto sample = pipeline_->sample();
    parameters_->setKeptCount(
        pipeline_->isUpToDate(Stage::Sample) && sample ? static_cast<qint64>(sample->result.indices.size()) : -1);
    refreshFreshness();
}

void MainWindow::refreshFreshness()
{
    // The stages whose results the view on show draws (their entries name it; the pixel view
    // follows the parameters itself; the Evaluate view says itself when it is computing or
    // outdated, since Run all, which this bar suggests, does not run its stage).
    const QList<Stage> sources = pipeline_->stagesShownIn(currentView());
    freshness_->refresh(*pipeline_, sources);
}

void MainWindow::refreshViews()
{
    const auto d = pipeline_->dataset();
    const auto f = pipeline_->features();
    const auto b = pipeline_->bins();
    const auto s = pipeline_->sample();
    if (thumbnails_->dataset() != (d ? d->bundle.train.get() : nullptr))
        thumbnails_->setDataset(d ? d->bundle.train : nullptr);
    const QStringList names = classNames(d.get());
    datasetPanel_->setDataset(d.get());
    parameters_->setDataInfo(d ? d->size() : 0, d ? d->sampleBytes : 0, d ? d->images : true);
    datasetView_->setResults(d, s);
    scatter_->setResults(f, b, s, names);
    composition_->setResults(b, names);
    grid_->setResults(d, f, b, s);
    instructions_->setResults(d, f, b, s);
    refreshEvaluation();
    refreshComparison();
    refreshPixel();
    refreshStages();
}

void MainWindow::refreshPixel()
{
    const auto d = pipeline_->dataset();
    const auto px = pipeline_->pixel();
    const StudioParameters& p = pipeline_->parameters();
    const QString why = d ? pipeline_->unavailableReason(Stage::Pixel) : QString();
    stages_->setUnavailable(Stage::Pixel, why);
    pixel_->setEnabled(!pipeline_->isBusy() && why.isEmpty());
    parameters_->setPixelUnavailable(why);
    // The real grid once the stage ran with this reconstruction, else the expected one.
    int patches = 0;
    if (d && why.isEmpty())
        patches = px && px->sessionKey == p.pixelSessionKey(d->key) ? px->result.grid.count()
                                                                    : PixelStage::expectedGrid(*d, p).count();
    parameters_->setPatchCount(patches);
    if (pipeline_->isUpToDate(Stage::Pixel))
        parameters_->setStoredBytes(static_cast<qint64>(px->result.storedBytes),
                                    static_cast<qint64>(px->result.bestLosslessBytes),
                                    QString::fromStdString(px->result.bestLosslessCodec));
    else
        parameters_->setStoredBytes(-1);
    // The stored size and patch counts only with the parameters they were made with.
    storage_->setPixelContext(p, pipeline_->cacheDir());
    storage_->setResults(d, pipeline_->features(), pipeline_->sample(), pipeline_->isUpToDate(Stage::Pixel) ? px : nullptr);
    pixelView_->setContext(d, pipeline_->bins(), pipeline_->sample(), px, p, pipeline_->cacheDir());
}

void MainWindow::refreshEvaluation()
{
    const QString why = pipeline_->dataset() ? pipeline_->unavailableReason(Stage::Evaluate) : QString();
    stages_->setUnavailable(Stage::Evaluate, why);
    evaluate_->setEnabled(!pipeline_->isBusy() && why.isEmpty());
    parameters_->setEvaluateUnavailable(why);
    evaluationView_->setUnavailable(why);
    const auto e = pipeline_->evaluation();
    parameters_->setReconstructionCost(
        e && pipeline_->isUpToDate(Stage::Evaluate) ? EvaluationText::reconstructionCost(e->result) : QString());
    // A running evaluation keeps its live curves until it ends.
    if (!(pipeline_->isBusy() && pipeline_->currentStage() == Stage::Evaluate))
        evaluationView_->setEvaluation(pipeline_->evaluation(), pipeline_->isUpToDate(Stage::Evaluate));
}

void MainWindow::refreshComparison()
{
    const QString why = pipeline_->dataset() ? pipeline_->unavailableReason(Stage::Compare) : QString();
    stages_->setUnavailable(Stage::Compare, why);
    compare_->setEnabled(!pipeline_->isBusy() && why.isEmpty());
    comparisonView_->setUnavailable(why);
    const StudioParameters& p = pipeline_->parameters();
    comparisonView_->choices()->setRecipe(p);
    comparisonView_->setMissingInputs(ComparisonMethods::missingInputs(p));
    comparisonView_->setComparison(pipeline_->comparison(), pipeline_->isUpToDate(Stage::Compare));
    comparisonView_->setRunning(pipeline_->isBusy() && pipeline_->currentStage() == Stage::Compare, pipeline_->isBusy());
}

void MainWindow::onBusyChanged(bool busy)
{
    for (QAction* a : {features_, bins_, sample_, pixel_, evaluate_, compare_, runAll_, export_, openFashion_,
                       openInstructions_, openProject_})
        a->setEnabled(!busy);
    pixel_->setEnabled(!busy && pipeline_->unavailableReason(Stage::Pixel).isEmpty());
    evaluate_->setEnabled(!busy && pipeline_->unavailableReason(Stage::Evaluate).isEmpty());
    compare_->setEnabled(!busy && pipeline_->unavailableReason(Stage::Compare).isEmpty());
    refreshComparison();
    if (!busy)
        refreshEvaluation(); // a failed or cancelled evaluation leaves its live curves
    pixelView_->setPipelineBusy(busy);
    updateCancel();
    stages_->setBusy(busy);
    datasetPanel_->setBusy(busy);
    tour_->setBusy(busy);
    if (exportDialog_)
        exportDialog_->setWorking(busy && pipeline_->currentStage() == Stage::Export);
    refreshStages();
}

void MainWindow::updateCancel() { cancel_->setEnabled(pipeline_->isBusy() || pixelView_->isWorking()); }

void MainWindow::cancelAll()
{
    pipeline_->cancel();
    pixelView_->cancelWork();
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    // A focused line edit or spin box claims some control keys (Ctrl+E moves to the end of
    // the line on X11): the window's own shortcuts come first.
    if (event->type() == QEvent::ShortcutOverride && watched->isWidgetType() &&
        static_cast<QWidget*>(watched)->window() == this) {
        const QKeySequence pressed(static_cast<QKeyEvent*>(event)->keyCombination());
        for (const QAction* a : {export_, runAll_, openProject_, saveProject_, saveProjectAs_, quit_})
            if (a->isEnabled() && a->shortcuts().contains(pressed)) {
                event->ignore(); // not overridden: the shortcut map triggers the action
                return true;
            }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::onStageStarted(Stage stage)
{
    outcome_.remove(stage);
    status_->begin(StageInfo::name(stage));
    refreshStages();
}

void MainWindow::onProgress(Stage, const JobProgress& progress) { status_->update(progress); }

void MainWindow::onStageFinished(Stage stage)
{
    status_->end(tr("%1: done").arg(StageInfo::name(stage)));
    if (stage == Stage::Dataset) {
        const auto d = pipeline_->dataset();
        Settings::pushRecent(Setting::RecentDatasets, d->spec);
        datasetPanel_->refreshRecent();
        scatter_->setSelection({});
        grid_->setScatterSelection({});
    }
    refreshStages();
}

void MainWindow::onStageFailed(Stage stage, const QString& message)
{
    outcome_[stage] = static_cast<int>(StagePanel::Status::Failed);
    status_->end(tr("%1 failed").arg(StageInfo::name(stage)));
    if (stage == Stage::Export && exportDialog_ && exportDialog_->isVisible())
        exportDialog_->showError(message);
    if (stage == Stage::Dataset)
        datasetPanel_->setDataset(pipeline_->dataset().get()); // the field shows what stays open
    message_->show(MessageBar::Kind::Error, tr("%1 failed: %2").arg(StageInfo::name(stage), message));
    refreshStages();
}

void MainWindow::onStageCancelled(Stage stage)
{
    outcome_[stage] = static_cast<int>(StagePanel::Status::Cancelled);
    status_->end(tr("%1 cancelled").arg(StageInfo::name(stage)));
    message_->show(MessageBar::Kind::Info,
                   tr("%1 was cancelled; the results before it are kept.").arg(StageInfo::name(stage)));
    refreshStages();
}

// --- export -----------------------------------------------------------------------

ExportDialog* MainWindow::openExportDialog()
{
    const auto d = pipeline_->dataset();
    if (!d || !pipeline_->bins() || !pipeline_->sample()) {
        message_->show(MessageBar::Kind::Warning, tr("Run the stages first (Run all): there is nothing to export yet."));
        return nullptr;
    }
    QString folder = exportFolder_;
    if (folder.isEmpty())
        folder = QDir(QDir::homePath()).filePath(QStringLiteral("dq-export/") + QString::fromStdString(d->bundle.name));
    const QString indices =
        ExportJob::indicesFileName(QString::fromStdString(d->bundle.name), pipeline_->parameters().ratio);
    if (exportDialog_)
        exportDialog_->deleteLater();
    exportDialog_ = new ExportDialog(folder, indices, this);
    if (TextStages::isInstructions(d.get()))
        exportDialog_->setInstructionSubset(TextStages::subsetFileName(*d, pipeline_->parameters().ratio));
    else if (const QString why = pipeline_->unavailableReason(Stage::Pixel); !why.isEmpty())
        exportDialog_->setPixelOutputs(false, why);
    else if (pipeline_->isUpToDate(Stage::Pixel))
        exportDialog_->setPixelOutputs(true);
    else
        exportDialog_->setPixelOutputs(false, tr("Run the Pixels stage with these parameters first."));
    connect(exportDialog_, &ExportDialog::exportRequested, this, &MainWindow::onExportRequested);
    exportDialog_->open();
    return exportDialog_;
}

void MainWindow::onExportRequested()
{
    if (!exportDialog_ || pipeline_->isBusy())
        return;
    const ExportDialog::Choice c = exportDialog_->choice();
    const auto d = pipeline_->dataset();
    const auto b = pipeline_->bins();
    const auto s = pipeline_->sample();
    if (!d || !b || !s)
        return;
    if (TextStages::isInstructions(d.get())) {
        const QString subset = TextStages::subsetFileName(*d, pipeline_->parameters().ratio);
        exportFolder_ = c.folder;
        pipeline_->exportInstructions(c.folder.isEmpty() ? QString() : QDir(c.folder).filePath(subset));
        return;
    }
    ExportRequest r;
    r.folder = c.folder;
    r.indices = c.indices;
    r.bins = c.bins;
    r.report = c.report;
    r.name = QString::fromStdString(d->bundle.name);
    r.ratio = pipeline_->parameters().ratio;
    r.selected = s->result.indices;
    r.binsFolder = b->folder;
    const PixelPtr px = pipeline_->isUpToDate(Stage::Pixel) ? pipeline_->pixel() : nullptr;
    r.images = c.images && px;
    r.quantized = c.quantized && px;
    r.pixelFolder = px ? px->folder : QString();
    ReportWriter::Input in{d, pipeline_->features(), b, s, px, pipeline_->parameters(), {}, {}, nullptr, nullptr, nullptr};
    if (px)
        in.codecs = storage_->codecComparison()->comparison();
    if (pipeline_->isUpToDate(Stage::Evaluate)) {
        in.evaluation = pipeline_->evaluation();
        r.evaluation = std::shared_ptr<const dq::EvaluationResult>(in.evaluation, &in.evaluation->result);
    }
    if (pipeline_->isUpToDate(Stage::Compare)) {
        in.comparison = pipeline_->comparison();
        r.comparison = std::shared_ptr<const dq::EvaluationResult>(in.comparison, &in.comparison->result);
    }
    if (r.report) {
        r.plots = renderPlots(&in.plotTitles);
        for (const auto& p : r.plots)
            in.plots << p.first;
    }
    r.reportHtml = ReportWriter::html(in);
    r.parametersJson = ReportWriter::parametersJson(in);
    exportFolder_ = c.folder;
    pipeline_->exportResults(r);
}

QList<QPair<QString, QImage>> MainWindow::renderPlots(QStringList* titles) const
{
    QList<QPair<QString, QImage>> out;
    const auto add = [&](const QString& file, const QString& title, QCustomPlot* plot, int w, int h) {
        out.push_back({file, plot->toPixmap(w, h).toImage()});
        if (titles)
            *titles << title;
    };
    if (pipeline_->features())
        add(QStringLiteral("embedding.png"), tr("Embedding (PCA of the features, coloured by bin)"), scatter_->plot(), 1000,
            760);
    if (pipeline_->bins())
        add(QStringLiteral("bins.png"), tr("Class counts and greedy objective per bin"), composition_->plot(), 1000, 560);
    add(QStringLiteral("classes.png"), tr("Images per class, in the dataset and kept"), datasetView_->histogram()->plot(),
        1000, 460);
    add(QStringLiteral("storage.png"),
        pipeline_->isUpToDate(Stage::Pixel) ? tr("Storage: original, kept and stored after patch dropping")
                                            : tr("Storage: original and kept"),
        storage_->plot(), 1000, 300);
    if (pipeline_->isUpToDate(Stage::Pixel) && storage_->codecComparison()->comparison())
        add(QStringLiteral("codecs.png"), tr("Quality against bytes per image: DQ, JPEG and WebP"),
            storage_->codecComparison()->plot(), 1000, 500);
    if (pipeline_->isUpToDate(Stage::Evaluate)) {
        add(QStringLiteral("evaluation.png"), tr("Test accuracy per epoch (mean and spread over seeds)"),
            evaluationView_->curvesPlot(), 1000, 560);
        if (evaluationView_->sweepPlot()->plottableCount() > 0)
            add(QStringLiteral("sweep.png"), tr("Final test accuracy against keep ratio"), evaluationView_->sweepPlot(),
                1000, 500);
    }
    if (pipeline_->isUpToDate(Stage::Compare))
        add(QStringLiteral("comparison.png"), tr("DQ against the field: final test accuracy against keep ratio"),
            comparisonView_->plot(), 1000, 560);
    // The pixel view's image only with the Pixels stage's result it illustrates.
    if (const QImage figure = pipeline_->isUpToDate(Stage::Pixel) ? pixelView_->renderFigure() : QImage();
        !figure.isNull()) {
        out.push_back({QStringLiteral("pixel.png"), figure});
        if (titles)
            *titles << tr("One image through pixel quantization: original, heatmap, kept patches, reconstruction");
    }
    return out;
}

} // namespace dqui
