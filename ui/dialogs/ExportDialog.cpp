#include "dialogs/ExportDialog.h"

#include "common/Settings.h"

#include <QCheckBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace dqui {

ExportDialog::ExportDialog(const QString& folder, const QString& indicesName, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Export"));
    folder_ = new QLineEdit(folder, this);
    folder_->setObjectName(QStringLiteral("exportFolder"));
    auto* browse = new QToolButton(this);
    browse->setText(QStringLiteral("…"));
    browse->setToolTip(tr("Choose the folder"));
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString d = QFileDialog::getExistingDirectory(this, tr("Export into"), folder_->text());
        if (!d.isEmpty())
            folder_->setText(d);
    });
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(folder_, 1);
    folderRow->addWidget(browse);

    indices_ = new QCheckBox(tr("Kept indices: %1 (load with numpy.load)").arg(indicesName), this);
    bins_ = new QCheckBox(tr("Bins: bins/ (one .npy of indices per bin, labels.npy, bins.json)"), this);
    images_ = new QCheckBox(tr("Reconstructed images: reconstructed/ (images/<class>/<index>.png and manifest.csv; "
                               "read with torchvision's ImageFolder, or imagefolder:DIR in index order)"),
                            this);
    images_->setObjectName(QStringLiteral("exportImages"));
    quantized_ = new QCheckBox(tr("Quantized storage: quantized/ (only the kept patches and their positions; dq "
                                  "restore rebuilds the images)"),
                               this);
    quantized_->setObjectName(QStringLiteral("exportQuantized"));
    report_ = new QCheckBox(tr("Report: report/index.html with the plots as PNG and the parameters as JSON"), this);
    for (QCheckBox* c : {indices_, bins_, report_})
        c->setChecked(true);
    setPixelOutputs(false, tr("Run the Pixels stage first."));
    note_ =
        new QLabel(tr("Every file appears complete or not at all; a folder that DQ Studio did not write is never replaced."),
                   this);
    note_->setWordWrap(true);
    note_->setStyleSheet(QStringLiteral("color: #666"));
    result_ = new QLabel(this);
    result_->setObjectName(QStringLiteral("exportResult"));
    result_->setWordWrap(true);
    result_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    buttons_ = new QDialogButtonBox(QDialogButtonBox::Close, this);
    export_ = buttons_->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    openFolder_ = buttons_->addButton(tr("Open the folder"), QDialogButtonBox::ActionRole);
    openFolder_->setEnabled(false);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(export_, &QPushButton::clicked, this, [this] {
        Settings::setValue(Setting::LastDirectory, folder_->text());
        emit exportRequested(choice());
    });
    connect(openFolder_, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(folder_->text())); });
    // Export keeps the dialog open (the AcceptRole button is not tied to accept()) to show the result.

    auto* form = new QFormLayout;
    form->addRow(tr("Folder:"), folderRow);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(indices_);
    layout->addWidget(bins_);
    layout->addWidget(images_);
    layout->addWidget(quantized_);
    layout->addWidget(report_);
    layout->addWidget(note_);
    layout->addWidget(result_);
    layout->addWidget(buttons_);
    resize(620, sizeHint().height());
}

void ExportDialog::setInstructionSubset(const QString& subsetName)
{
    const QString stem = QFileInfo(subsetName).completeBaseName();
    indices_->setText(
        tr("Subset: %1 (the kept records, in the input's format and field order), %2 (their indices, "
           "for numpy.load) and %3 (how they were chosen)")
            .arg(subsetName, stem + QStringLiteral(".indices.npy"), subsetName + QStringLiteral(".meta.json")));
    indices_->setChecked(true);
    indices_->setEnabled(false);
    bins_->setChecked(false);
    bins_->hide();
    setPixelOutputs(false);
    images_->hide();
    quantized_->hide();
    report_->setChecked(false);
    report_->hide();
    note_->setText(tr("Every file appears complete or not at all, the manifest last; files of the same name are replaced."));
    resize(width(), sizeHint().height());
}

void ExportDialog::setPixelOutputs(bool available, const QString& reason)
{
    for (QCheckBox* c : {images_, quantized_}) {
        c->setEnabled(available);
        c->setChecked(available);
        c->setToolTip(available ? QString() : reason);
    }
}

ExportDialog::Choice ExportDialog::choice() const
{
    Choice c{folder_->text().trimmed(), indices_->isChecked(), bins_->isChecked(), report_->isChecked()};
    c.images = images_->isEnabled() && images_->isChecked();
    c.quantized = quantized_->isEnabled() && quantized_->isChecked();
    return c;
}

void ExportDialog::setFolder(const QString& folder) { folder_->setText(folder); }

void ExportDialog::setWorking(bool working)
{
    export_->setEnabled(!working);
    if (working) {
        result_->setStyleSheet(QString());
        result_->setText(tr("Writing…"));
    }
}

void ExportDialog::showWritten(const QStringList& paths)
{
    setWorking(false);
    result_->setStyleSheet(QStringLiteral("color: #2e7d32"));
    result_->setText(tr("Written:") + QStringLiteral("\n") + paths.join(QLatin1Char('\n')));
    openFolder_->setEnabled(true);
}

void ExportDialog::showError(const QString& message)
{
    setWorking(false);
    result_->setStyleSheet(QStringLiteral("color: #c62828"));
    result_->setText(message);
}

QString ExportDialog::resultText() const { return result_->text(); }

} // namespace dqui
