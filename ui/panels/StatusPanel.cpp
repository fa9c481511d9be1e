#include "panels/StatusPanel.h"

#include "common/Format.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>

namespace dqui {

StatusPanel::StatusPanel(QWidget* parent) : QWidget(parent)
{
    stage_ = new QLabel(this);
    bar_ = new QProgressBar(this);
    bar_->setMinimumWidth(220);
    bar_->setMaximumWidth(320);
    bar_->setTextVisible(true);
    rate_ = new QLabel(this);
    cancel_ = new QPushButton(this);
    connect(cancel_, &QPushButton::clicked, this, &StatusPanel::cancelRequested);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(stage_);
    layout->addWidget(bar_);
    layout->addWidget(rate_);
    layout->addWidget(cancel_);
    end(QString());
    cancel_->setText(tr("Cancel"));
}

void StatusPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        cancel_->setText(tr("Cancel"));
    QWidget::changeEvent(event);
}

void StatusPanel::begin(const QString& stage)
{
    stageName_ = stage;
    coreStage_.clear();
    stage_->setText(stage);
    bar_->setRange(0, 0); // busy until the first report
    bar_->setVisible(true);
    rate_->clear();
    cancel_->setVisible(true);
    cancel_->setEnabled(true);
    timer_.start();
    firstDone_ = 0;
    firstMs_ = 0;
}

void StatusPanel::update(const JobProgress& p)
{
    if (p.stage != coreStage_) { // a new step inside the stage (e.g. training, then extraction)
        coreStage_ = p.stage;
        firstDone_ = p.done;
        firstMs_ = timer_.elapsed();
    }
    QString label = stageName_;
    const QString step = stepName(p.stage);
    if (!step.isEmpty())
        label += QStringLiteral(": ") + step;
    if (!p.detail.isEmpty())
        label += QStringLiteral(" · ") + detailText(p.detail);
    stage_->setText(label);
    if (p.total > 0) {
        const int scale = p.total > 1000000 ? 1000 : 1; // QProgressBar takes ints
        bar_->setRange(0, static_cast<int>(p.total / scale));
        bar_->setValue(static_cast<int>(std::min(p.done, p.total) / scale));
    } else {
        bar_->setRange(0, 0);
    }
    const double seconds = (timer_.elapsed() - firstMs_) / 1000.0;
    const qint64 done = p.done - firstDone_;
    if (seconds > 0.5 && done > 0) {
        const double rate = done / seconds;
        QString text = tr("%1/s").arg(QLocale().toString(rate, 'f', rate < 10 ? 1 : 0));
        if (p.total > 0 && p.done < p.total)
            text += QStringLiteral(" · ") + tr("about %1 left").arg(Format::duration((p.total - p.done) / rate));
        rate_->setText(text);
    }
}

void StatusPanel::end(const QString& message)
{
    stage_->setText(message);
    bar_->setVisible(false);
    rate_->clear();
    cancel_->setVisible(false);
}

QString StatusPanel::stepName(const QString& coreStage)
{
    // Core's step names, as the status bar says them.
    if (coreStage == QLatin1String("features"))
        return tr("computing features");
    if (coreStage == QLatin1String("pixels"))
        return tr("reading pixels");
    if (coreStage == QLatin1String("training"))
        return tr("training the network");
    if (coreStage == QLatin1String("bins"))
        return tr("choosing the bins");
    if (coreStage == QLatin1String("mae training"))
        return tr("training the reconstruction model");
    if (coreStage == QLatin1String("pixel quantization"))
        return tr("dropping and painting back patches");
    if (coreStage == QLatin1String("projection"))
        return tr("projecting to 2-D");
    if (coreStage == QLatin1String("dataset"))
        return tr("reading");
    if (coreStage == QLatin1String("sample") || coreStage == QLatin1String("export"))
        return QString();
    return coreStage;
}

QString StatusPanel::detailText(const QString& detail)
{
    static const QRegularExpression bin(QStringLiteral("^bin (\\d+)/(\\d+)$"));
    const QRegularExpressionMatch m = bin.match(detail);
    if (m.hasMatch())
        return tr("bin %1 of %2").arg(m.captured(1), m.captured(2));
    return detail; // model and device names, losses: the same in every language
}

QString StatusPanel::stageText() const { return stage_->text(); }
QString StatusPanel::rateText() const { return rate_->text(); }

} // namespace dqui
