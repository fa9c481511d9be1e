#pragma once
#include "evaluation/EvaluationParams.h"

#include <QCoreApplication>
#include <QString>

namespace dqui {

// How DQ Studio words an evaluation: for the Evaluate view, the report and the tour.
class EvaluationText {
    Q_DECLARE_TR_FUNCTIONS(EvaluationText)

public:
    // "DQ", "DQ, reconstructed", "Random", "Whole training set"; sweep names as they are.
    static QString subsetName(const std::string& name);
    // "88.1% ± 0.3%" over several runs, "88.1%" for one.
    static QString accuracy(const dq::MeanStd& m, int runs);
    // In plain words, computed from the result: "7,500 images chosen by DQ teach a fresh
    // network to 88.1% ± 0.3% test accuracy; 7,500 chosen at random to 86.9% ± 0.4% ...".
    // Empty when the result has no "dq" subset.
    static QString summary(const dq::EvaluationResult& result);
    // What the pixel step cost in training, when the result compares the kept images with
    // their reconstruction: "Trained on the reconstructed images a fresh network reached
    // 84.1% ± 0.3%, on the same images unreconstructed 86.0% ± 0.2%: the reconstruction costs
    // 1.9 points, more than the spread over seeds." Empty without both subsets.
    static QString reconstructionCost(const dq::EvaluationResult& result);
    // Sweep subsets are named dq-<ratio> and random-dq-<ratio> (core's SubsetSpec::swept).
    static bool isSweep(const std::string& name);
};

} // namespace dqui
