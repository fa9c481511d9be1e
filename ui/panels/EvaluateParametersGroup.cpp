#include "panels/EvaluateParametersGroup.h"

#include "panels/FormLabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QSpinBox>

namespace dqui {

EvaluateParametersGroup::EvaluateParametersGroup(QWidget* parent) : QGroupBox(parent)
{
    setObjectName(QStringLiteral("evaluateParameters"));
    form_ = new QFormLayout(this);
    model_ = new QComboBox(this);
    model_->setObjectName(QStringLiteral("evalModel"));
    for (const char* m : {"convnet", "resnet18"})
        model_->addItem(QString(), QString::fromLatin1(m));
    width_ = new QSpinBox(this);
    width_->setObjectName(QStringLiteral("evalWidth"));
    width_->setRange(8, 512);
    epochs_ = new QSpinBox(this);
    epochs_->setObjectName(QStringLiteral("evalEpochs"));
    epochs_->setRange(1, 1000);
    seeds_ = new QSpinBox(this);
    seeds_->setObjectName(QStringLiteral("evalSeeds"));
    seeds_->setRange(1, 20);
    random_ = new QCheckBox(this);
    random_->setObjectName(QStringLiteral("evalRandom"));
    reconstructed_ = new QCheckBox(this);
    reconstructed_->setObjectName(QStringLiteral("evalReconstructed"));
    full_ = new QCheckBox(this);
    full_->setObjectName(QStringLiteral("evalFull"));
    ratios_ = new QLineEdit(this);
    ratios_->setObjectName(QStringLiteral("evalRatios"));
    ratios_->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("^\\s*([0-9.eE-]+\\s*(,\\s*[0-9.eE-]+\\s*)*)?$")),
                                        ratios_));

    form_->addRow(new QLabel(this), model_);
    form_->addRow(new QLabel(this), width_);
    form_->addRow(new QLabel(this), epochs_);
    form_->addRow(new QLabel(this), seeds_);
    form_->addRow(random_);
    form_->addRow(reconstructed_);
    form_->addRow(full_);
    form_->addRow(new QLabel(this), ratios_);

    const auto emitChanged = [this] {
        updateEnabled();
        if (!loading_)
            emit changed();
    };
    connect(model_, &QComboBox::currentIndexChanged, this, emitChanged);
    for (QSpinBox* s : {width_, epochs_, seeds_})
        connect(s, &QSpinBox::valueChanged, this, emitChanged);
    for (QCheckBox* c : {random_, reconstructed_, full_})
        connect(c, &QCheckBox::toggled, this, emitChanged);
    connect(ratios_, &QLineEdit::editingFinished, this, emitChanged);
    load(StudioParameters());
    retranslate();
}

void EvaluateParametersGroup::retranslate()
{
    setTitle(tr("Evaluate"));
    const auto label = [this](QWidget* field, const QString& text, const QString& tip) {
        setFormLabel(form_, field, text, tip);
    };
    label(model_, tr("Network"),
          tr("The network trained from scratch on the kept images to judge them (never the one that chose them). "
             "ConvNet-3 trains in minutes on a CPU; ResNet-18 is the reference's choice and wants a GPU."));
    model_->setItemText(0, tr("ConvNet-3"));
    model_->setItemText(1, tr("ResNet-18 (CIFAR form)"));
    label(width_, tr("ConvNet width"),
          tr("Channels of each ConvNet block: 128 in the dataset-distillation papers; narrower trains faster."));
    label(epochs_, tr("Epochs"),
          tr("Passes over the kept images. The reference trains 200; a few already rank subsets on a CPU."));
    label(seeds_, tr("Seeds"),
          tr("How many times every training is repeated with another seed (initial weights, order, augmentation and "
             "the random draw). Results are the mean and spread over them: one seed is noise."));
    random_->setText(tr("Compare with random images of the same classes"));
    random_->setToolTip(tr("The baseline every selection method must beat: as many images of every class, drawn at "
                           "random, anew for every seed."));
    reconstructed_->setText(tr("Compare with the reconstructed images"));
    reconstructed_->setToolTip(tr("Train also on the kept images after patch dropping and reconstruction (the Pixels "
                                  "stage): what the pixel step costs in accuracy."));
    full_->setText(tr("Compare with the whole training set"));
    full_->setToolTip(tr("Train also on every training image: the accuracy a compression tries to keep (slow)."));
    label(ratios_, tr("Ratio sweep"),
          tr("Keep ratios to draw from the bins as well, each beside a random subset of the same classes: the "
             "accuracy against keep ratio curve, e.g. 0.01, 0.05, 0.125, 0.25. Empty: no sweep."));
    ratios_->setPlaceholderText(tr("e.g. 0.01, 0.05, 0.25"));
}

void EvaluateParametersGroup::load(const StudioParameters& p)
{
    loading_ = true;
    const int m = model_->findData(p.evalModel);
    model_->setCurrentIndex(m >= 0 ? m : 0);
    width_->setValue(p.evalWidth);
    epochs_->setValue(p.evalEpochs);
    seeds_->setValue(p.evalSeeds);
    random_->setChecked(p.evalRandom);
    reconstructed_->setChecked(p.evalReconstructed);
    full_->setChecked(p.evalFull);
    ratios_->setText(p.evalRatios);
    loading_ = false;
    updateEnabled();
}

void EvaluateParametersGroup::store(StudioParameters& p) const
{
    p.evalModel = model_->currentData().toString();
    p.evalWidth = width_->value();
    p.evalEpochs = epochs_->value();
    p.evalSeeds = seeds_->value();
    p.evalRandom = random_->isChecked();
    p.evalReconstructed = reconstructed_->isChecked();
    p.evalFull = full_->isChecked();
    // A list that does not parse keeps the one before; the field shows what was typed.
    StudioParameters candidate = p;
    candidate.evalRatios = ratios_->text().simplified();
    std::vector<double> ratios;
    if (candidate.evalRatioList(ratios, nullptr))
        p.evalRatios = candidate.evalRatios;
}

void EvaluateParametersGroup::setUnavailable(const QString& reason)
{
    setEnabled(reason.isEmpty());
    setToolTip(reason);
}

void EvaluateParametersGroup::updateEnabled()
{
    form_->setRowVisible(width_, model_->currentData().toString() == QLatin1String("convnet"));
}

} // namespace dqui
