#include "views/CompareChoices.h"

#include "pipeline/ComparisonMethods.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace dqui {

CompareChoices::CompareChoices(QWidget* parent) : QGroupBox(parent)
{
    methods_ = new QListWidget(this);
    methods_->setObjectName(QStringLiteral("compareMethods"));
    for (const QString& m : ComparisonMethods::all()) {
        auto* item = new QListWidgetItem(methods_);
        item->setData(Qt::UserRole, m);
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
        item->setCheckState(Qt::Unchecked);
    }
    methods_->setMinimumWidth(190);
    // As tall as its rows: twelve methods fit without a scroll bar.
    methods_->setFixedHeight(methods_->sizeHintForRow(0) * methods_->count() + 2 * methods_->frameWidth() + 2);
    connect(methods_, &QListWidget::itemChanged, this, [this] {
        if (!loading_)
            emit changed();
    });
    ratios_ = new QLineEdit(this);
    ratios_->setObjectName(QStringLiteral("compareRatios"));
    connect(ratios_, &QLineEdit::editingFinished, this, [this] {
        if (!loading_)
            emit changed();
    });
    score_ = new QComboBox(this);
    score_->setObjectName(QStringLiteral("compareScore"));
    for (const QString& s : ComparisonMethods::ccsScores())
        score_->addItem(s, s);
    connect(score_, &QComboBox::currentIndexChanged, this, [this] {
        if (!loading_)
            emit changed();
    });
    scoreSeeds_ = new QSpinBox(this);
    scoreSeeds_->setObjectName(QStringLiteral("compareScoreSeeds"));
    scoreSeeds_->setRange(1, 20);
    connect(scoreSeeds_, &QSpinBox::valueChanged, this, [this] {
        if (!loading_)
            emit changed();
    });
    ratiosLabel_ = new QLabel(this);
    scoreLabel_ = new QLabel(this);
    scoreSeedsLabel_ = new QLabel(this);
    recipe_ = new QLabel(this);
    recipe_->setWordWrap(true);
    recipe_->setStyleSheet(QStringLiteral("color: palette(mid)"));
    run_ = new QPushButton(QIcon(QStringLiteral(":/icons/compare.svg")), QString(), this);
    run_->setObjectName(QStringLiteral("compareRun"));
    cancel_ = new QPushButton(QIcon(QStringLiteral(":/icons/cancel.svg")), QString(), this);
    cancel_->setObjectName(QStringLiteral("compareCancel"));
    cancel_->setEnabled(false);
    connect(run_, &QPushButton::clicked, this, &CompareChoices::runRequested);
    connect(cancel_, &QPushButton::clicked, this, &CompareChoices::cancelRequested);

    auto* form = new QFormLayout;
    form->addRow(ratiosLabel_, ratios_);
    form->addRow(scoreLabel_, score_);
    form->addRow(scoreSeedsLabel_, scoreSeeds_);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(run_);
    buttons->addWidget(cancel_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(methods_);
    layout->addLayout(form);
    layout->addWidget(recipe_);
    layout->addLayout(buttons);
    layout->addStretch(1);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
    retranslate();
}

void CompareChoices::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QGroupBox::changeEvent(event);
}

void CompareChoices::retranslate()
{
    setTitle(tr("Methods and keep ratios"));
    for (int i = 0; i < methods_->count(); ++i) {
        QListWidgetItem* item = methods_->item(i);
        const QString m = item->data(Qt::UserRole).toString();
        item->setText(ComparisonMethods::displayName(m) +
                      (ComparisonMethods::needsTrainedNetwork(m) ? QStringLiteral(" *") : QString()));
        item->setToolTip(ComparisonMethods::description(m) +
                         (ComparisonMethods::needsTrainedNetwork(m)
                              ? QStringLiteral("\n") + tr("* Needs the scores of a trained network (Features: a network "
                                                          "with 1 or more training epochs).")
                              : QString()));
    }
    methods_->setToolTip(tr("The methods to compare. Every one keeps as many images of every class as DQ at each "
                            "keep ratio."));
    ratiosLabel_->setText(tr("Keep ratios"));
    ratios_->setToolTip(tr("Comma-separated shares of the training set, each in (0, 1], e.g. 0.01,0.05,0.125,0.25"));
    ratios_->setPlaceholderText(QStringLiteral("0.01,0.05,0.125,0.25"));
    scoreLabel_->setText(tr("CCS score"));
    score_->setToolTip(tr("The difficulty score CCS spreads its budget over (EL2N, GraNd, forgetting events, AUM or "
                          "an uncertainty); it needs a trained network."));
    scoreSeedsLabel_->setText(tr("Score trainings"));
    scoreSeeds_->setToolTip(tr("EL2N and GraNd (and CCS over them) averaged over this many trainings of the "
                               "Features network, each with its own seed (Paul et al. average 10)."));
    for (int i = 0; i < score_->count(); ++i)
        score_->setItemText(i, ComparisonMethods::scoreName(score_->itemData(i).toString()));
    run_->setText(tr("Run comparison"));
    run_->setToolTip(tr("Run the Compare stage (and the Features and Bins stages first when they are not up to date). "
                        "Runs trained before, here or on the command line, are read from the cache."));
    cancel_->setText(tr("Cancel"));
    setRecipe(recipeOf_);
}

void CompareChoices::load(const StudioParameters& p)
{
    loading_ = true;
    const QStringList chosen = p.compareMethodList();
    for (int i = 0; i < methods_->count(); ++i)
        methods_->item(i)->setCheckState(chosen.contains(methods_->item(i)->data(Qt::UserRole).toString()) ? Qt::Checked
                                                                                                           : Qt::Unchecked);
    ratios_->setText(p.compareRatios);
    score_->setCurrentIndex(std::max(0, score_->findData(p.compareScore)));
    scoreSeeds_->setValue(p.compareScoreSeeds);
    loading_ = false;
    setRecipe(p);
}

void CompareChoices::store(StudioParameters& p) const
{
    QStringList chosen;
    for (int i = 0; i < methods_->count(); ++i)
        if (methods_->item(i)->checkState() == Qt::Checked)
            chosen << methods_->item(i)->data(Qt::UserRole).toString();
    p.compareMethods = chosen.join(QLatin1Char(','));
    p.compareRatios = ratios_->text().simplified().remove(QLatin1Char(' '));
    p.compareScore = score_->currentData().toString();
    p.compareScoreSeeds = scoreSeeds_->value();
}

void CompareChoices::setMethodChecked(const QString& method, bool checked)
{
    for (int i = 0; i < methods_->count(); ++i)
        if (methods_->item(i)->data(Qt::UserRole).toString() == method)
            methods_->item(i)->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}

void CompareChoices::setRecipe(const StudioParameters& p)
{
    recipeOf_ = p;
    const QString net =
        p.evalModel == QLatin1String("convnet") ? tr("ConvNet-3 (width %1)").arg(p.evalWidth) : QStringLiteral("ResNet-18");
    recipe_->setText(tr("* needs the scores of a trained network.\nTrained as the Evaluate parameters say: %1, "
                        "epochs %2, seeds %3.")
                         .arg(net)
                         .arg(p.evalEpochs)
                         .arg(p.evalSeeds));
}

void CompareChoices::setRunning(bool running, bool pipelineBusy)
{
    run_->setEnabled(!pipelineBusy && isEnabled());
    cancel_->setEnabled(running);
}

void CompareChoices::setUnavailable(const QString& reason)
{
    setEnabled(reason.isEmpty());
    setToolTip(reason);
}

} // namespace dqui
