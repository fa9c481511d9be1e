#include "dialogs/SampleDialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPixmap>
#include <QVBoxLayout>

namespace dqui {

SampleDialog::SampleDialog(const Info& info, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Image %1").arg(info.index));
    picture_ = new QLabel(this);
    picture_->setAlignment(Qt::AlignCenter);
    picture_->setMinimumSize(240, 240);
    if (info.image.isNull()) {
        picture_->setText(tr("This dataset holds features, not images."));
    } else {
        const int longer = std::max(info.image.width(), info.image.height());
        const int f = std::max(1, 280 / std::max(1, longer));
        const QImage big = longer < 280
                               ? info.image.scaled(info.image.size() * f, Qt::KeepAspectRatio, Qt::FastTransformation)
                               : info.image.scaled(280, 280, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        picture_->setPixmap(QPixmap::fromImage(big));
    }
    QStringList lines;
    lines << tr("Index in the dataset: %1").arg(info.index);
    lines << tr("Class: %1").arg(info.className.isEmpty() ? tr("none") : info.className);
    if (info.bin >= 0)
        lines << tr("Bin: %1 of %2 (bin 0 holds the most typical images)").arg(info.bin).arg(info.bins);
    if (info.kept >= 0)
        lines << (info.kept ? tr("Kept in the sample") : tr("Not kept in the sample"));
    details_ = new QLabel(lines.join(QLatin1Char('\n')), this);
    details_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* row = new QHBoxLayout;
    row->addWidget(picture_);
    row->addWidget(details_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(buttons);
}

QString SampleDialog::detailsText() const { return details_->text(); }

} // namespace dqui
