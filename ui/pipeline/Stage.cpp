#include "pipeline/Stage.h"

namespace dqui {

QList<Stage> StageInfo::runnable()
{
    return {Stage::Features, Stage::Bins, Stage::Sample, Stage::Pixel, Stage::Evaluate, Stage::Compare};
}

QString StageInfo::name(Stage s)
{
    switch (s) {
    case Stage::Dataset:
        return tr("Dataset");
    case Stage::Features:
        return tr("Features");
    case Stage::Bins:
        return tr("Bins");
    case Stage::Sample:
        return tr("Sample");
    case Stage::Pixel:
        return tr("Pixels");
    case Stage::Evaluate:
        return tr("Evaluate");
    case Stage::Compare:
        return tr("Compare");
    case Stage::Export:
        return tr("Export");
    }
    return {};
}

QString StageInfo::description(Stage s)
{
    switch (s) {
    case Stage::Dataset:
        return tr("Read the images and their labels.");
    case Stage::Features:
        return tr("Describe every image by a vector of numbers, so that similar images get similar vectors.");
    case Stage::Bins:
        return tr("Split the data into bins: the first bins hold the most typical images, the last ones the unusual ones.");
    case Stage::Sample:
        return tr("Keep the same share of every bin and class, so that rare kinds of images survive.");
    case Stage::Pixel:
        return tr("Keep only the most telling patches of every kept image and let a model paint the dropped ones back.");
    case Stage::Evaluate:
        return tr(
            "Train a fresh network on the kept images and on random ones of the same classes, and test how well each learnt.");
    case Stage::Compare:
        return tr(
            "Let the field's selection methods keep as many images of every class as DQ, at several keep ratios, and train a fresh network on each choice.");
    case Stage::Export:
        return tr("Write the kept indices, the bins, the reconstructed images and a report.");
    }
    return {};
}

QString StageInfo::iconPath(Stage s)
{
    switch (s) {
    case Stage::Dataset:
        return QStringLiteral(":/icons/dataset.svg");
    case Stage::Features:
        return QStringLiteral(":/icons/features.svg");
    case Stage::Bins:
        return QStringLiteral(":/icons/bins.svg");
    case Stage::Sample:
        return QStringLiteral(":/icons/sample.svg");
    case Stage::Pixel:
        return QStringLiteral(":/icons/pixel.svg");
    case Stage::Evaluate:
        return QStringLiteral(":/icons/evaluate.svg");
    case Stage::Compare:
        return QStringLiteral(":/icons/compare.svg");
    case Stage::Export:
        return QStringLiteral(":/icons/export.svg");
    }
    return {};
}

} // namespace dqui
