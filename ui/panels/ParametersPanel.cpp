#include "panels/ParametersPanel.h"

#include "common/Format.h"
#include "common/Settings.h"
#include "panels/EvaluateParametersGroup.h"
#include "panels/FormLabel.h"
#include "panels/PixelParametersGroup.h"
#include "pixel/PatchGrid.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace dqui {
namespace {

QWidget* fileRow(QLineEdit*& edit, QToolButton*& browse, QWidget* parent)
{
    auto* row = new QWidget(parent);
    edit = new QLineEdit(row);
    browse = new QToolButton(row);
    browse->setText(QStringLiteral("…"));
    auto* l = new QHBoxLayout(row);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(edit, 1);
    l->addWidget(browse);
    return row;
}

void setComboData(QComboBox* box, const QString& value)
{
    const int i = box->findData(value);
    box->setCurrentIndex(i >= 0 ? i : 0);
}

} // namespace

ParametersPanel::ParametersPanel(QWidget* parent) : QWidget(parent)
{
    featuresBox_ = new QGroupBox(this);
    binsBox_ = new QGroupBox(this);
    sampleBox_ = new QGroupBox(this);
    featuresForm_ = new QFormLayout(featuresBox_);
    binsForm_ = new QFormLayout(binsBox_);
    sampleForm_ = new QFormLayout(sampleBox_);

    model_ = new QComboBox(this);
    model_->setObjectName(QStringLiteral("model"));
    for (const char* m : {"pixels", "convnet", "resnet18", "resnet18-imagenet", "torchscript"})
        model_->addItem(QString(), QString::fromLatin1(m));
    modelFileRow_ = fileRow(modelFile_, modelFileBrowse_, this);
    weightsRow_ = fileRow(weights_, weightsBrowse_, this);
    epochs_ = new QSpinBox(this);
    epochs_->setRange(0, 1000);
    device_ = new QComboBox(this);
    for (const char* d : {"auto", "cpu", "cuda"})
        device_->addItem(QString(), QString::fromLatin1(d));
    limit_ = new QSpinBox(this);
    limit_->setObjectName(QStringLiteral("limit"));
    limit_->setRange(0, 2000000000);
    limit_->setSingleStep(1000);
    limit_->setGroupSeparatorShown(true);
    featuresForm_->addRow(new QLabel(this), model_);
    featuresForm_->addRow(new QLabel(this), modelFileRow_);
    featuresForm_->addRow(new QLabel(this), weightsRow_);
    featuresForm_->addRow(new QLabel(this), epochs_);
    randomWeights_ = new QLabel(this);
    randomWeights_->setObjectName(QStringLiteral("randomWeights"));
    randomWeights_->setWordWrap(true);
    randomWeights_->setStyleSheet(
        QStringLiteral("QLabel { background: #fff4d6; border: 1px solid #e0c070; border-radius: 3px; padding: 4px; }"));
    featuresForm_->addRow(randomWeights_);
    featuresForm_->addRow(new QLabel(this), device_);
    featuresForm_->addRow(new QLabel(this), limit_);

    bins_ = new QSpinBox(this);
    bins_->setObjectName(QStringLiteral("bins"));
    bins_->setRange(1, 1000);
    function_ = new QComboBox(this);
    for (const char* f : {"graphcut", "facility-location", "log-det"})
        function_->addItem(QString(), QString::fromLatin1(f));
    greedy_ = new QComboBox(this);
    for (const char* g : {"lazy", "naive", "stochastic", "approx-lazy"})
        greedy_->addItem(QString(), QString::fromLatin1(g));
    binsForm_->addRow(new QLabel(this), bins_);
    binsForm_->addRow(new QLabel(this), function_);
    binsForm_->addRow(new QLabel(this), greedy_);

    ratio_ = new QDoubleSpinBox(this);
    ratio_->setObjectName(QStringLiteral("ratio"));
    ratio_->setDecimals(3);
    ratio_->setRange(0.001, 1.0);
    ratio_->setSingleStep(0.025);
    seed_ = new QSpinBox(this);
    seed_->setRange(0, 2147483647);
    sampleForm_->addRow(new QLabel(this), ratio_);
    sampleForm_->addRow(new QLabel(this), seed_);
    pixel_ = new PixelParametersGroup(this);
    evaluate_ = new EvaluateParametersGroup(this);
    readout_ = new QLabel(this);
    readout_->setObjectName(QStringLiteral("readout"));
    readout_->setWordWrap(true);
    readout_->setStyleSheet(
        QStringLiteral("QLabel { background: #f2f6fb; border: 1px solid #c9d6e8; border-radius: 4px; padding: 6px; }"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(featuresBox_);
    layout->addWidget(binsBox_);
    layout->addWidget(sampleBox_);
    layout->addWidget(pixel_);
    layout->addWidget(readout_);
    layout->addWidget(evaluate_);
    layout->addStretch(1);

    for (QComboBox* c : {model_, device_, function_, greedy_})
        connect(c, &QComboBox::currentIndexChanged, this, &ParametersPanel::changed);
    for (QSpinBox* s : {epochs_, limit_, bins_, seed_})
        connect(s, &QSpinBox::valueChanged, this, &ParametersPanel::changed);
    connect(ratio_, &QDoubleSpinBox::valueChanged, this, &ParametersPanel::changed);
    connect(weights_, &QLineEdit::textChanged, this, &ParametersPanel::updateEnabled); // the warning follows typing
    connect(pixel_, &PixelParametersGroup::changed, this, &ParametersPanel::changed);
    connect(evaluate_, &EvaluateParametersGroup::changed, this, &ParametersPanel::changed);
    for (QLineEdit* e : {modelFile_, weights_})
        connect(e, &QLineEdit::editingFinished, this, &ParametersPanel::changed);
    const auto browse = [this](QLineEdit* edit, const QString& filter) {
        const QString f = QFileDialog::getOpenFileName(this, QString(), Settings::string(Setting::LastDirectory), filter);
        if (f.isEmpty())
            return;
        Settings::setValue(Setting::LastDirectory, QFileInfo(f).absolutePath());
        edit->setText(f);
        changed();
    };
    connect(modelFileBrowse_, &QToolButton::clicked, this,
            [=] { browse(modelFile_, tr("TorchScript modules (*.pt *.pth *.ts)")); });
    connect(weightsBrowse_, &QToolButton::clicked, this, [=] { browse(weights_, tr("PyTorch weights (*.pth *.pt)")); });

    setParameters(StudioParameters());
    retranslate();
}

void ParametersPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ParametersPanel::retranslate()
{
    featuresBox_->setTitle(tr("Features"));
    binsBox_->setTitle(tr("Bins"));
    sampleBox_->setTitle(tr("Sample"));
    pixel_->retranslate();
    evaluate_->retranslate();
    const auto label = setFormLabel;
    label(featuresForm_, model_, tr("Feature model"),
          tr("How each image is turned into numbers before images are compared. Raw pixels are instant; a small "
             "network (ConvNet) compares images by what they show and takes a few minutes on a laptop."));
    model_->setItemText(0, tr("raw pixels (fast)"));
    model_->setItemText(1, tr("ConvNet-3"));
    model_->setItemText(2, tr("ResNet-18 (CIFAR form)"));
    model_->setItemText(3, tr("ResNet-18 (ImageNet form)"));
    model_->setItemText(4, tr("your TorchScript model…"));
    label(featuresForm_, modelFileRow_, tr("Model file"),
          tr("A TorchScript module saved with torch.jit.save (see the README)."));
    label(featuresForm_, weightsRow_, tr("Weights"),
          tr("Optional trained weights for the network (a PyTorch .pth file). Without them the network starts from "
             "seeded random weights, as the reference does."));
    label(featuresForm_, epochs_, tr("Training epochs"),
          tr("Train the network on the data this many times before describing the images (0: do not train)."));
    label(featuresForm_, device_, tr("Device"),
          tr("Where the networks run (the feature model's, and the Pixels stage's heatmap network and MAE): auto "
             "uses a graphics card when there is one, else the processor."));
    device_->setItemText(0, tr("auto"));
    device_->setItemText(1, tr("processor (CPU)"));
    device_->setItemText(2, tr("graphics card (CUDA)"));
    label(featuresForm_, limit_, tr("Use the first"),
          tr("Work on the first N images only, for a quick try (0: all images)."));
    limit_->setSpecialValueText(tr("all images"));
    limit_->setSuffix(tr(" images"));

    label(binsForm_, bins_, tr("Bins (K)"),
          tr("How many groups the data is split into. Each bin is chosen to cover the data well and to differ "
             "from the bins before it; the paper uses 10."));
    label(binsForm_, function_, tr("Selection rule"),
          tr("What makes a bin good. GraphCut (the paper's) balances covering the data and variety; facility "
             "location favours coverage; log-determinant favours variety."));
    function_->setItemText(0, tr("GraphCut"));
    function_->setItemText(1, tr("facility location"));
    function_->setItemText(2, tr("log-determinant"));
    label(binsForm_, greedy_, tr("Search"),
          tr("How the bins are searched for. Lazy gives exactly the same bins as the plain search, much faster; "
             "stochastic and approximate are faster still but may pick differently."));
    greedy_->setItemText(0, tr("lazy (exact, fast)"));
    greedy_->setItemText(1, tr("naive (exact, slow)"));
    greedy_->setItemText(2, tr("stochastic"));
    greedy_->setItemText(3, tr("approximate lazy"));

    label(sampleForm_, ratio_, tr("Keep ratio"),
          tr("The share of every bin (and every class in it) that is kept: 0.125 keeps one image in eight."));
    label(sampleForm_, seed_, tr("Seed"),
          tr("Any whole number. The same seed gives the same result every time; another seed gives another, "
             "equally good, draw."));
    updateEnabled();
    updateReadout();
}

void ParametersPanel::setParameters(const StudioParameters& p)
{
    loading_ = true;
    const bool script = p.model.startsWith(QLatin1String("torchscript:"));
    setComboData(model_, script ? QStringLiteral("torchscript") : p.model);
    modelFile_->setText(script ? p.model.mid(12) : QString());
    weights_->setText(p.weights);
    epochs_->setValue(p.epochs);
    setComboData(device_, p.device.startsWith(QLatin1String("cuda")) ? QStringLiteral("cuda") : p.device);
    limit_->setValue(static_cast<int>(std::min<qint64>(p.limit, limit_->maximum())));
    bins_->setValue(p.bins);
    setComboData(function_, p.function);
    setComboData(greedy_, p.greedy);
    ratio_->setValue(p.ratio);
    seed_->setValue(static_cast<int>(std::min<quint64>(p.seed, static_cast<quint64>(seed_->maximum()))));
    pixel_->load(p);
    evaluate_->load(p);
    loading_ = false;
    updateEnabled();
    updateReadout();
}

StudioParameters ParametersPanel::parameters() const
{
    StudioParameters p;
    const QString m = model_->currentData().toString();
    p.model = m == QLatin1String("torchscript") ? QStringLiteral("torchscript:") + modelFile_->text().trimmed() : m;
    p.weights = m == QLatin1String("pixels") || m == QLatin1String("torchscript") ? QString() : weights_->text().trimmed();
    p.epochs = m == QLatin1String("pixels") ? 0 : epochs_->value();
    p.device = device_->currentData().toString();
    p.limit = limit_->value();
    p.bins = bins_->value();
    p.function = function_->currentData().toString();
    p.greedy = greedy_->currentData().toString();
    p.ratio = ratio_->value();
    p.seed = static_cast<quint64>(seed_->value());
    pixel_->store(p);
    evaluate_->store(p);
    return p;
}

void ParametersPanel::setDataInfo(qint64 datasetRows, qint64 sampleBytes, bool images)
{
    datasetRows_ = datasetRows;
    sampleBytes_ = sampleBytes;
    images_ = images;
    updateEnabled();
    updateReadout();
}

void ParametersPanel::setKeptCount(qint64 kept)
{
    kept_ = kept;
    updateReadout();
}

void ParametersPanel::setPatchCount(int patches)
{
    patches_ = patches;
    updateReadout();
}

void ParametersPanel::setStoredBytes(qint64 stored, qint64 bestLossless, const QString& losslessCodec)
{
    stored_ = stored;
    lossless_ = bestLossless;
    losslessCodec_ = losslessCodec;
    updateReadout();
}

void ParametersPanel::setPixelUnavailable(const QString& reason)
{
    pixel_->setUnavailable(reason);
    updateReadout();
}

void ParametersPanel::setEvaluateUnavailable(const QString& reason) { evaluate_->setUnavailable(reason); }

void ParametersPanel::setReconstructionCost(const QString& text)
{
    reconstructionCost_ = text;
    updateReadout();
}

void ParametersPanel::changed()
{
    if (loading_)
        return;
    updateEnabled();
    kept_ = -1;
    stored_ = lossless_ = -1;
    updateReadout();
    emit parametersChanged(parameters());
}

void ParametersPanel::updateEnabled()
{
    const QString m = model_->currentData().toString();
    const bool network = m != QLatin1String("pixels");
    featuresForm_->setRowVisible(modelFileRow_, m == QLatin1String("torchscript"));
    featuresForm_->setRowVisible(weightsRow_, network && m != QLatin1String("torchscript"));
    epochs_->setEnabled(network);
    device_->setEnabled(network || images_); // the Pixels stage's networks run there too
    const bool random =
        network && m != QLatin1String("torchscript") && weights_->text().trimmed().isEmpty() && epochs_->value() == 0;
    featuresForm_->setRowVisible(randomWeights_, random);
    if (random)
        randomWeights_->setText(
            m.startsWith(QLatin1String("resnet18"))
                ? tr("No weights file and 0 training epochs: ResNet-18 would describe the images with random weights. "
                     "Choose a weights file, or train it for 1 or 2 epochs (on a processor, about 15 minutes per "
                     "epoch on Fashion-MNIST; Use the first N images makes it shorter).")
                : tr("No weights file and 0 training epochs: the network would describe the images with random "
                     "weights. Choose a weights file, or train it for 1 or 2 epochs (about 2 minutes per epoch on "
                     "Fashion-MNIST on a processor)."));
}

QString ParametersPanel::randomWeightsWarning() const
{
    return featuresForm_->isRowVisible(randomWeights_) ? randomWeights_->text() : QString();
}

void ParametersPanel::updateReadout()
{
    if (datasetRows_ <= 0) {
        readout_->setText(tr("Open a dataset to see how much the sample keeps."));
        return;
    }
    const qint64 rows = limit_->value() > 0 ? std::min<qint64>(limit_->value(), datasetRows_) : datasetRows_;
    const double r = ratio_->value();
    const qint64 kept = kept_ >= 0 ? kept_ : static_cast<qint64>(std::llround(r * rows));
    const QString what = images_ ? tr("images") : tr("samples");
    QString text = tr("Keeps %1 of the data = %2 %3, %4 instead of %5")
                       .arg(Format::percent(rows ? double(kept) / rows : 0.0), Format::count(kept), what,
                            Format::bytes(double(kept) * sampleBytes_), Format::bytes(double(rows) * sampleBytes_));
    if (kept_ < 0)
        text += QStringLiteral(" ") + tr("(about: the exact count comes from the Sample stage)");
    const QString pixels = pixelReadout(kept, rows);
    if (!pixels.isEmpty())
        text += QStringLiteral("\n\n") + pixels;
    readout_->setText(text);
}

QString ParametersPanel::pixelReadout(qint64 kept, qint64 rows) const
{
    if (!images_ || patches_ <= 0 || !pixel_->isEnabled() || rows <= 0)
        return {};
    StudioParameters p;
    pixel_->store(p);
    const int keptPatches = dq::keptPatchCount(patches_, p.maskRatio);
    const double sampleShare = double(kept) / double(rows);
    const double patchShare = double(keptPatches) / double(patches_);
    // Two savings, never one mixed ratio: the sampling's is the line above (raw bytes); the
    // pixel step's compares the stored bytes with the same images stored losslessly.
    QString text = tr("Final keep ratio %1 × %2 (%3 of %4 patches) = %5 of the pixels.")
                       .arg(Format::percent(sampleShare), Format::percent(patchShare))
                       .arg(keptPatches)
                       .arg(patches_)
                       .arg(Format::percent(sampleShare * patchShare, 2));
    if (stored_ >= 0 && lossless_ > 0)
        text += QStringLiteral(" ") + tr("Patch dropping stores the %1 kept images in %2: %3 of their best lossless "
                                         "size (%4 as %5).")
                                          .arg(Format::count(kept), Format::bytes(double(stored_)),
                                               Format::percent(double(stored_) / double(lossless_), 1),
                                               Format::bytes(double(lossless_)), losslessCodec_);
    else
        text += QStringLiteral(" ") + tr("What patch dropping saves, against the kept images stored losslessly, "
                                         "comes from the Pixels stage.");
    if (!reconstructionCost_.isEmpty())
        text += QStringLiteral("\n\n") + reconstructionCost_;
    return text;
}

QString ParametersPanel::readoutText() const { return readout_->text(); }

} // namespace dqui
