#include "views/ScatterView.h"

#include "common/Format.h"
#include "common/Palette.h"
#include "views/PointCloudLayer.h"
#include "views/PointCloudPlot.h"

#include <QActionGroup>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace dqui {
namespace {

QToolButton* toolButton(QAction* action, QWidget* parent)
{
    auto* b = new QToolButton(parent);
    b->setDefaultAction(action);
    b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    b->setAutoRaise(true);
    return b;
}

} // namespace

ScatterView::ScatterView(QWidget* parent) : QWidget(parent)
{
    plot_ = new PointCloudPlot(this);
    plot_->setCloud(&cloud_);
    empty_ = new QLabel(this);
    empty_->setAlignment(Qt::AlignCenter);
    empty_->setWordWrap(true);
    stack_ = new QStackedWidget(this);
    stack_->addWidget(empty_);
    stack_->addWidget(plot_);

    tools_ = new QActionGroup(this);
    pan_ = new QAction(QIcon(QStringLiteral(":/icons/pan.svg")), QString(), tools_);
    rect_ = new QAction(QIcon(QStringLiteral(":/icons/rectangle.svg")), QString(), tools_);
    lasso_ = new QAction(QIcon(QStringLiteral(":/icons/lasso.svg")), QString(), tools_);
    for (QAction* a : {pan_, rect_, lasso_})
        a->setCheckable(true);
    pan_->setChecked(true);
    clear_ = new QAction(this);
    fit_ = new QAction(this);
    connect(pan_, &QAction::triggered, this, [this] { plot_->setTool(PointCloudPlot::Tool::Pan); });
    connect(rect_, &QAction::triggered, this, [this] { plot_->setTool(PointCloudPlot::Tool::Rectangle); });
    connect(lasso_, &QAction::triggered, this, [this] { plot_->setTool(PointCloudPlot::Tool::Lasso); });
    connect(clear_, &QAction::triggered, this, [this] { onRegion({}, false); });
    connect(fit_, &QAction::triggered, this, [this] { plot_->cloudChanged(true); });

    panButton_ = toolButton(pan_, this);
    rectButton_ = toolButton(rect_, this);
    lassoButton_ = toolButton(lasso_, this);
    clearButton_ = toolButton(clear_, this);
    fitButton_ = toolButton(fit_, this);
    classMenu_ = new QMenu(this);
    classButton_ = new QPushButton(this);
    classButton_->setFlat(true);
    classButton_->setMenu(classMenu_);
    colorLabel_ = new QLabel(this);
    colorBy_ = new QComboBox(this);
    colorBy_->addItems({QString(), QString()});
    connect(colorBy_, &QComboBox::currentIndexChanged, this, [this] { recolor(); });
    info_ = new QLabel(this);
    info_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    info_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // never widens the window

    colorBy_->setSizeAdjustPolicy(QComboBox::AdjustToContents); // "class" in full, in every language
    auto* bar = new QHBoxLayout;
    for (QWidget* w : std::initializer_list<QWidget*>{panButton_, rectButton_, lassoButton_, clearButton_, fitButton_,
                                                      static_cast<QWidget*>(classButton_), colorLabel_, colorBy_})
        bar->addWidget(w);
    bar->addStretch(1);
    // The counts on a line of their own, where the tool bar never squeezes them out.
    info_->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    info_->setObjectName(QStringLiteral("scatterInfo"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(info_);
    layout->addWidget(stack_, 1);

    connect(plot_, &PointCloudPlot::regionSelected, this, &ScatterView::onRegion);
    connect(plot_, &PointCloudPlot::pointClicked, this, &ScatterView::sampleActivated);
    retranslate();
}

void ScatterView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ScatterView::retranslate()
{
    empty_->setText(
        tr("Once the Features stage has run, every image appears here as a point, and similar images lie close together."));
    pan_->setText(tr("Pan"));
    pan_->setToolTip(tr("Drag to move the picture; the mouse wheel zooms."));
    rect_->setText(tr("Rectangle"));
    rect_->setToolTip(tr("Drag a rectangle to select the points in it; hold Shift to add to the selection."));
    lasso_->setText(tr("Lasso"));
    lasso_->setToolTip(tr("Draw around points to select them; hold Shift to add to the selection."));
    clear_->setText(tr("Clear selection"));
    fit_->setText(tr("Fit"));
    fit_->setToolTip(tr("Show all points"));
    info_->setToolTip(
        tr("The picture is a PCA of the features (computed in core): its two axes hold these shares of the variance."));
    classButton_->setText(tr("Classes"));
    classButton_->setToolTip(tr("Show or hide the points of each class"));
    colorLabel_->setText(tr("Colour by:"));
    colorBy_->setItemText(0, tr("bin"));
    colorBy_->setItemText(1, tr("class"));
    colorBy_->setToolTip(tr("Colour the points by the bin they fell into, or by their class"));
    rebuildClassMenu();
    updateInfo();
    recolor();
}

void ScatterView::setResults(FeaturesPtr features, BinsPtr bins, SamplePtr sample, const QStringList& classNames)
{
    const bool newPoints = features != features_;
    const bool newClasses = classNames != classNames_;
    features_ = std::move(features);
    bins_ =
        bins && features_ && static_cast<std::int64_t>(bins->binOf.size()) == features_->rows ? std::move(bins) : nullptr;
    sample_ = sample && features_ && static_cast<std::int64_t>(sample->selected.size()) == features_->rows
                  ? std::move(sample)
                  : nullptr;
    classNames_ = classNames;
    if (newPoints) {
        cloud_ = PointCloud();
        selection_.clear();
        if (features_) {
            cloud_.x = features_->projection.x;
            cloud_.y = features_->projection.y;
            cloud_.label = features_->labels;
            cloud_.label.resize(cloud_.x.size(), -1);
        }
    }
    if (newClasses || newPoints)
        rebuildClassMenu();
    cloud_.kept = sample_ ? sample_->selected : std::vector<char>();
    setComparedKept(comparedName_, comparedIndices_); // the rows may have changed
    stack_->setCurrentWidget(features_ ? static_cast<QWidget*>(plot_) : empty_);
    recolor();
    if (newPoints)
        plot_->cloudChanged(true);
    updateInfo();
}

void ScatterView::recolor()
{
    const bool byBin = colorBy_->currentIndex() == 0 && bins_;
    if (byBin) {
        cloud_.colorIndex = bins_->binOf;
        cloud_.colors = Palette::categories(static_cast<int>(bins_->bins.size()));
    } else {
        cloud_.colorIndex = cloud_.label;
        cloud_.colors = Palette::categories(std::max<int>(1, classNames_.size()));
    }
    QVector<QPair<QRgb, QString>> legend;
    if (byBin) {
        for (int b = 0; b < cloud_.colors.size(); ++b)
            legend.push_back({cloud_.colors[b], tr("bin %1").arg(b)});
    } else {
        for (int c = 0; c < classNames_.size(); ++c)
            legend.push_back({cloud_.colors[c], classNames_[c]});
    }
    plot_->pointLayer()->setLegend(legend);
    plot_->cloudChanged(false);
}

void ScatterView::rebuildClassMenu()
{
    classMenu_->clear();
    QAction* all = classMenu_->addAction(tr("Show all classes"));
    connect(all, &QAction::triggered, this, [this] {
        cloud_.classVisible.fill(true);
        for (QAction* a : classActions_) {
            const QSignalBlocker block(a);
            a->setChecked(true);
        }
        plot_->cloudChanged(false);
        updateInfo();
    });
    classMenu_->addSeparator();
    classActions_.clear();
    cloud_.classVisible.resize(classNames_.size(), true);
    for (int c = 0; c < classNames_.size(); ++c) {
        QAction* a = classMenu_->addAction(classNames_[c]);
        a->setCheckable(true);
        a->setChecked(cloud_.classVisible[c]);
        connect(a, &QAction::toggled, this, [this, c](bool on) { setClassVisible(c, on); });
        classActions_.push_back(a);
    }
    classButton_->setEnabled(!classNames_.isEmpty());
}

void ScatterView::setClassVisible(int cls, bool visible)
{
    if (cls < 0 || cls >= cloud_.classVisible.size())
        return;
    cloud_.classVisible[cls] = visible;
    if (cls < classActions_.size()) {
        const QSignalBlocker block(classActions_[cls]);
        classActions_[cls]->setChecked(visible);
    }
    plot_->cloudChanged(false);
    updateInfo();
}

void ScatterView::setSelection(const QVector<qint64>& indices)
{
    selection_ = indices;
    std::sort(selection_.begin(), selection_.end());
    selection_.erase(std::unique(selection_.begin(), selection_.end()), selection_.end());
    cloud_.highlighted.clear();
    if (!selection_.isEmpty()) {
        cloud_.highlighted.assign(cloud_.x.size(), 0);
        for (qint64 i : selection_)
            if (i >= 0 && i < cloud_.size())
                cloud_.highlighted[static_cast<std::size_t>(i)] = 1;
    }
    plot_->cloudChanged(false);
    updateInfo();
}

void ScatterView::setComparedKept(const QString& name, const std::vector<std::int64_t>& indices)
{
    comparedName_ = indices.empty() ? QString() : name;
    comparedIndices_ = indices;
    cloud_.compared.clear();
    if (!indices.empty()) {
        cloud_.compared.assign(cloud_.x.size(), 0);
        for (const std::int64_t i : indices)
            if (i >= 0 && i < cloud_.size())
                cloud_.compared[static_cast<std::size_t>(i)] = 1;
    }
    plot_->cloudChanged(false);
    updateInfo();
}

void ScatterView::onRegion(const QVector<qint64>& indices, bool additive)
{
    QVector<qint64> next = indices;
    if (additive)
        next += selection_;
    setSelection(next);
    emit selectionChanged(selection_);
}

void ScatterView::updateInfo()
{
    if (!features_) {
        info_->clear();
        plot_->xAxis->setLabel(QString());
        plot_->yAxis->setLabel(QString());
        return;
    }
    qint64 visible = 0;
    for (std::int64_t i = 0; i < cloud_.size(); ++i)
        visible += cloud_.visible(i);
    QString text = tr("%1 points").arg(Format::count(visible));
    if (!selection_.isEmpty())
        text += QStringLiteral(" · ") + tr("%1 selected").arg(Format::count(selection_.size()));
    if (!cloud_.compared.empty()) {
        qint64 compared = 0, both = 0;
        for (std::size_t i = 0; i < cloud_.compared.size(); ++i)
            if (cloud_.compared[i]) {
                ++compared;
                both += i < cloud_.kept.size() && cloud_.kept[i];
            }
        text += QStringLiteral(" · ") + (cloud_.kept.empty()
                                             ? tr("outlined: %1 kept by %2").arg(Format::count(compared), comparedName_)
                                             : tr("outlined: %1 kept by %2, %3 of them also by DQ")
                                                   .arg(Format::count(compared), comparedName_, Format::count(both)));
    }
    const auto& p = features_->projection;
    text += QStringLiteral(" · ") + tr("PCA %1 + %2").arg(Format::percent(p.explained[0]), Format::percent(p.explained[1]));
    info_->setText(text);
    plot_->xAxis->setLabel(tr("PCA axis 1 (%1 of the variance)").arg(Format::percent(p.explained[0])));
    plot_->yAxis->setLabel(tr("PCA axis 2 (%1 of the variance)").arg(Format::percent(p.explained[1])));
}

} // namespace dqui
