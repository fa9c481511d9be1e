#include "panels/PixelParametersGroup.h"

#include "panels/FormLabel.h"

#include "common/Settings.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSlider>
#include <QToolButton>

#include <cmath>

namespace dqui {
namespace {

// The slider moves in hundredths of the mask ratio.
constexpr int kSteps = 100;

void setComboData(QComboBox* box, const QString& value)
{
    const int i = box->findData(value);
    box->setCurrentIndex(i >= 0 ? i : 0);
}

} // namespace

PixelParametersGroup::PixelParametersGroup(QWidget* parent) : QGroupBox(parent)
{
    setObjectName(QStringLiteral("pixelParameters"));
    form_ = new QFormLayout(this);

    maskRow_ = new QWidget(this);
    slider_ = new QSlider(Qt::Horizontal, maskRow_);
    slider_->setObjectName(QStringLiteral("maskRatioSlider"));
    slider_->setRange(0, 95);
    slider_->setPageStep(5);
    mask_ = new QDoubleSpinBox(maskRow_);
    mask_->setObjectName(QStringLiteral("maskRatio"));
    mask_->setDecimals(2);
    mask_->setRange(0.0, 0.95);
    mask_->setSingleStep(0.05);
    auto* maskLayout = new QHBoxLayout(maskRow_);
    maskLayout->setContentsMargins(0, 0, 0, 0);
    maskLayout->addWidget(slider_, 1);
    maskLayout->addWidget(mask_);

    cam_ = new QComboBox(this);
    cam_->setObjectName(QStringLiteral("cam"));
    for (const char* c : {"gradcam++", "gradcam", "random"})
        cam_->addItem(QString(), QString::fromLatin1(c));
    target_ = new QComboBox(this);
    target_->setObjectName(QStringLiteral("camTarget"));
    for (const char* t : {"predicted", "label"})
        target_->addItem(QString(), QString::fromLatin1(t));
    recon_ = new QComboBox(this);
    recon_->setObjectName(QStringLiteral("recon"));
    for (const char* r : {"mae-compact", "mae", "inpaint:telea", "inpaint:ns"})
        recon_->addItem(QString(), QString::fromLatin1(r));
    fileRow_ = new QWidget(this);
    file_ = new QLineEdit(fileRow_);
    file_->setObjectName(QStringLiteral("maeCheckpoint"));
    browse_ = new QToolButton(fileRow_);
    browse_->setText(QStringLiteral("…"));
    auto* fileLayout = new QHBoxLayout(fileRow_);
    fileLayout->setContentsMargins(0, 0, 0, 0);
    fileLayout->addWidget(file_, 1);
    fileLayout->addWidget(browse_);

    form_->addRow(new QLabel(this), maskRow_);
    form_->addRow(new QLabel(this), cam_);
    form_->addRow(new QLabel(this), target_);
    form_->addRow(new QLabel(this), recon_);
    form_->addRow(new QLabel(this), fileRow_);

    connect(slider_, &QSlider::valueChanged, this, [this](int v) {
        if (std::lround(mask_->value() * kSteps) != v)
            mask_->setValue(v / double(kSteps)); // emits through the spin box
    });
    connect(mask_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        const QSignalBlocker block(slider_);
        slider_->setValue(static_cast<int>(std::lround(v * kSteps)));
        if (!loading_)
            emit changed();
    });
    for (QComboBox* c : {cam_, target_, recon_})
        connect(c, &QComboBox::currentIndexChanged, this, [this] {
            updateEnabled();
            if (!loading_)
                emit changed();
        });
    connect(file_, &QLineEdit::editingFinished, this, [this] {
        if (!loading_)
            emit changed();
    });
    connect(browse_, &QToolButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("MAE checkpoint"), Settings::string(Setting::LastDirectory),
                                                       tr("MAE checkpoints (*.pth *.pt)"));
        if (f.isEmpty())
            return;
        Settings::setValue(Setting::LastDirectory, QFileInfo(f).absolutePath());
        file_->setText(f);
        emit changed();
    });
    load(StudioParameters());
    retranslate();
}

void PixelParametersGroup::retranslate()
{
    setTitle(tr("Pixels"));
    const auto label = [this](QWidget* field, const QString& text, const QString& tip) {
        setFormLabel(form_, field, text, tip);
    };
    const QString maskTip = tr("The share of every kept image's patches that is dropped and painted back by a model: "
                               "0.2 drops one patch in five, the least telling ones (the paper's setting).");
    label(maskRow_, tr("Mask ratio"), maskTip);
    slider_->setToolTip(maskTip);
    mask_->setToolTip(maskTip);
    label(cam_, tr("Patch importance"),
          tr("How the patches worth keeping are found. GradCAM++ (the paper's) and GradCAM ask the classifier of the "
             "Features stage which parts of the image made it decide (raw pixels: a small network trained for one "
             "epoch); random keeps patches by chance, for comparison."));
    cam_->setItemText(0, tr("GradCAM++ (the paper's)"));
    cam_->setItemText(1, tr("GradCAM"));
    cam_->setItemText(2, tr("random patches (for comparison)"));
    label(target_, tr("Explain"),
          tr("Which class the importance is measured for: the class the network predicts (the paper's), or the "
             "image's true label."));
    target_->setItemText(0, tr("the predicted class"));
    target_->setItemText(1, tr("the true label"));
    label(recon_, tr("Reconstruction"),
          tr("How the dropped patches are painted back. The compact MAE is a small masked autoencoder trained here "
             "on the data (a few minutes the first time, then cached); an MAE checkpoint file (such as the paper's "
             "ViT-L) needs no training; inpainting fills the gaps from their borders, instantly and without a model."));
    recon_->setItemText(0, tr("compact MAE (trained here)"));
    recon_->setItemText(1, tr("MAE checkpoint file…"));
    recon_->setItemText(2, tr("inpainting (Telea)"));
    recon_->setItemText(3, tr("inpainting (Navier-Stokes)"));
    label(fileRow_, tr("Checkpoint"),
          tr("An MAE checkpoint (.pth): the official mae_visualize_vit_large_ganloss.pth or one written by dq mae-train."));
    browse_->setToolTip(tr("Choose the checkpoint file"));
    updateEnabled();
}

void PixelParametersGroup::load(const StudioParameters& p)
{
    loading_ = true;
    mask_->setValue(p.maskRatio);
    setComboData(cam_, p.cam);
    setComboData(target_, p.camTarget);
    const int colon = p.recon.indexOf(QLatin1Char(':'));
    const QString kind = colon < 0 ? p.recon : p.recon.left(colon);
    if (kind == QLatin1String("mae") || (kind == QLatin1String("mae-compact") && colon >= 0)) {
        checkpointKind_ = kind;
        setComboData(recon_, QStringLiteral("mae"));
        file_->setText(p.recon.mid(colon + 1));
    } else {
        checkpointKind_ = QStringLiteral("mae");
        setComboData(recon_, p.recon);
    }
    loading_ = false;
    updateEnabled();
}

void PixelParametersGroup::store(StudioParameters& p) const
{
    p.maskRatio = mask_->value();
    p.cam = cam_->currentData().toString();
    p.camTarget = target_->currentData().toString();
    const QString r = recon_->currentData().toString();
    const QString file = file_->text().trimmed();
    // A checkpoint choice without its file yet is not a reconstruction: the parameters keep
    // the one before (so a project saved meanwhile still opens).
    if (r != QLatin1String("mae"))
        p.recon = r;
    else if (!file.isEmpty())
        p.recon = checkpointKind_ + QLatin1Char(':') + file;
}

void PixelParametersGroup::setUnavailable(const QString& reason)
{
    unavailable_ = reason;
    setEnabled(reason.isEmpty());
    setToolTip(reason);
}

void PixelParametersGroup::updateEnabled()
{
    form_->setRowVisible(fileRow_, recon_->currentData().toString() == QLatin1String("mae"));
    target_->setEnabled(cam_->currentData().toString() != QLatin1String("random"));
}

} // namespace dqui
