#pragma once
#include "tour/TourStep.h"

#include <QCoreApplication>
#include <QList>

namespace dqui {

class MainWindow;

// "Try it" on Fashion-MNIST, for people who do not program: the data, bins, sampling,
// patch dropping (the heatmap), reconstruction (the painted-back picture), what is kept.
class FashionMnistTour {
    Q_DECLARE_TR_FUNCTIONS(FashionMnistTour)

public:
    static QList<TourStep> steps(MainWindow& window);
};

} // namespace dqui
