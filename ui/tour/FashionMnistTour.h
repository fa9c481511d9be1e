#pragma once
#include "tour/TourStep.h"

#include <QCoreApplication>
#include <QList>

namespace dqui {

class MainWindow;

// "Try it" on Fashion-MNIST, for people who do not program: the data, bins, sampling,
// what is kept. Patch dropping and reconstruction become steps 4 and 5 with the pixel
// stage (GradCAM and MAE in core).
class FashionMnistTour {
    Q_DECLARE_TR_FUNCTIONS(FashionMnistTour)

public:
    static QList<TourStep> steps(MainWindow& window);
};

} // namespace dqui
