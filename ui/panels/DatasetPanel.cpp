#include "panels/DatasetPanel.h"

#include "common/Format.h"
#include "common/Settings.h"
#include "pipeline/InstructionSpec.h"
#include "pipeline/Results.h"

#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace dqui {

DatasetPanel::DatasetPanel(QWidget* parent) : QWidget(parent)
{
    box_ = new QGroupBox(this);
    fashion_ = new QPushButton(QIcon(QStringLiteral(":/icons/dataset.svg")), QString(), this);
    fashion_->setObjectName(QStringLiteral("openFashionMnist"));
    idx_ = new QPushButton(this);
    cifar_ = new QPushButton(this);
    folder_ = new QPushButton(this);
    features_ = new QPushButton(this);
    instructions_ = new QPushButton(this);
    instructions_->setObjectName(QStringLiteral("openInstructions"));
    specLabel_ = new QLabel(this);
    spec_ = new QLineEdit(this);
    spec_->setObjectName(QStringLiteral("datasetSpec"));
    open_ = new QPushButton(this);
    recentLabel_ = new QLabel(this);
    recent_ = new QComboBox(this);
    summary_ = new QLabel(this);
    summary_->setWordWrap(true);

    connect(fashion_, &QPushButton::clicked, this, [this] { emit openRequested(QStringLiteral("fashion-mnist")); });
    connect(idx_, &QPushButton::clicked, this, [this] { chooseFolder(QStringLiteral("idx:"), idx_->text()); });
    connect(cifar_, &QPushButton::clicked, this, [this] { chooseFolder(QStringLiteral("cifar10:"), cifar_->text()); });
    connect(folder_, &QPushButton::clicked, this, [this] { chooseFolder(QStringLiteral("imagefolder:"), folder_->text()); });
    connect(features_, &QPushButton::clicked, this, &DatasetPanel::chooseFeatures);
    connect(instructions_, &QPushButton::clicked, this, &DatasetPanel::chooseInstructions);
    const auto openTyped = [this] {
        if (!spec_->text().trimmed().isEmpty())
            emit openRequested(spec_->text().trimmed());
    };
    connect(open_, &QPushButton::clicked, this, openTyped);
    connect(spec_, &QLineEdit::returnPressed, this, openTyped);
    connect(recent_, &QComboBox::activated, this, [this](int i) {
        if (i > 0)
            emit openRequested(recent_->itemText(i));
    });

    auto* grid = new QGridLayout(box_);
    grid->addWidget(fashion_, 0, 0, 1, 2);
    grid->addWidget(idx_, 1, 0);
    grid->addWidget(cifar_, 1, 1);
    grid->addWidget(folder_, 2, 0);
    grid->addWidget(features_, 2, 1);
    grid->addWidget(instructions_, 3, 0, 1, 2);
    auto* specRow = new QHBoxLayout;
    specRow->addWidget(spec_, 1);
    specRow->addWidget(open_);
    grid->addWidget(specLabel_, 4, 0, 1, 2);
    grid->addLayout(specRow, 5, 0, 1, 2);
    grid->addWidget(recentLabel_, 6, 0, 1, 2);
    grid->addWidget(recent_, 7, 0, 1, 2);
    grid->addWidget(summary_, 8, 0, 1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(box_);
    retranslate();
}

void DatasetPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void DatasetPanel::retranslate()
{
    box_->setTitle(tr("Dataset"));
    fashion_->setText(tr("Open Fashion-MNIST"));
    fashion_->setToolTip(
        tr("60,000 small pictures of clothes in 10 classes, installed with DQ Studio. Nothing is downloaded."));
    idx_->setText(tr("IDX folder…"));
    idx_->setToolTip(tr("A folder of MNIST-style files (train-images-idx3-ubyte and train-labels-idx1-ubyte, gzip or not)"));
    cifar_->setText(tr("CIFAR-10…"));
    cifar_->setToolTip(tr("The CIFAR-10 folder: cifar-10-batches-py (Python) or cifar-10-batches-bin (binary)"));
    folder_->setText(tr("Image folders…"));
    folder_->setToolTip(
        tr("One sub-folder of images per class (torchvision's ImageFolder); train/ and val/ become the splits"));
    features_->setText(tr("Features (.npy)…"));
    features_->setToolTip(
        tr("Features you computed elsewhere: an N x D .npy file, and optionally N labels in a second .npy file"));
    instructions_->setText(tr("Instruction data (JSON)…"));
    instructions_->setToolTip(
        tr("Instruction records for fine-tuning a language model: a JSON list or one JSON record per line, "
           "with instruction, input and output fields; optionally their embeddings as an N x D .npy file "
           "(else TF-IDF embeddings are computed)"));
    specLabel_->setText(tr("Or type a dataset spec:"));
    spec_->setPlaceholderText(tr("e.g. cifar10:/data/cifar-10-batches-py"));
    spec_->setToolTip(tr("fashion-mnist[:DIR], idx:DIR, cifar10:DIR, imagefolder:DIR or npy:FEATURES.npy[,LABELS.npy]"));
    open_->setText(tr("Open"));
    recentLabel_->setText(tr("Recent datasets:"));
    refreshRecent();
    setDataset(dataset_);
}

void DatasetPanel::refreshRecent()
{
    const QSignalBlocker block(recent_);
    recent_->clear();
    const QStringList recent = Settings::stringList(Setting::RecentDatasets);
    recent_->addItem(recent.isEmpty() ? tr("(none yet)") : tr("Choose…"));
    recent_->addItems(recent);
    recent_->setEnabled(!recent.isEmpty());
}

void DatasetPanel::setDataset(const DatasetState* dataset)
{
    dataset_ = dataset;
    if (!dataset) {
        summary_->setText(tr("No dataset open yet."));
        return;
    }
    spec_->setText(dataset->spec);
    if (dataset->instructions) {
        summary_->setText(tr("%1: %2 instruction records")
                              .arg(QString::fromStdString(dataset->bundle.name), Format::count(dataset->size())));
        return;
    }
    summary_->setText(tr("%1: %2 training images, %3 classes")
                          .arg(QString::fromStdString(dataset->bundle.name), Format::count(dataset->size()))
                          .arg(dataset->train().classCount()));
}

void DatasetPanel::setBusy(bool busy)
{
    for (QWidget* w :
         std::initializer_list<QWidget*>{fashion_, idx_, cifar_, folder_, features_, instructions_, open_, recent_, spec_})
        w->setEnabled(!busy);
    if (!busy)
        recent_->setEnabled(recent_->count() > 1);
}

void DatasetPanel::chooseFolder(const QString& prefix, const QString& title)
{
    const QString dir = QFileDialog::getExistingDirectory(this, title, Settings::string(Setting::LastDirectory));
    if (dir.isEmpty())
        return;
    Settings::setValue(Setting::LastDirectory, dir);
    emit openRequested(prefix + dir);
}

void DatasetPanel::chooseFeatures()
{
    const QString filter = tr("NumPy arrays (*.npy)");
    const QString features =
        QFileDialog::getOpenFileName(this, tr("Features (N x D)"), Settings::string(Setting::LastDirectory), filter);
    if (features.isEmpty())
        return;
    Settings::setValue(Setting::LastDirectory, QFileInfo(features).absolutePath());
    const QString labels = QFileDialog::getOpenFileName(this, tr("Labels (N integers; cancel for none)"),
                                                        QFileInfo(features).absolutePath(), filter);
    emit openRequested(QStringLiteral("npy:") + features + (labels.isEmpty() ? QString() : QStringLiteral(",") + labels));
}

void DatasetPanel::chooseInstructions()
{
    const QString data = QFileDialog::getOpenFileName(this, tr("Instruction data"), Settings::string(Setting::LastDirectory),
                                                      tr("Instruction data (*.json *.jsonl);;All files (*)"));
    if (data.isEmpty())
        return;
    Settings::setValue(Setting::LastDirectory, QFileInfo(data).absolutePath());
    InstructionSpec spec;
    spec.data = data;
    spec.embeddings = QFileDialog::getOpenFileName(this, tr("Embeddings (N x D, one row per record; cancel for TF-IDF)"),
                                                   QFileInfo(data).absolutePath(), tr("NumPy arrays (*.npy)"));
    emit openRequested(spec.toString());
}

} // namespace dqui
